package dev.glmbatch.llm;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A provider's batch service: requests go up as files, run at a lower price within hours,
 * and come back as files joined on each line's {@code custom_id}. Every method throws
 * {@link BatchException} when the service refuses or cannot be reached, and
 * {@link BatchUnavailableException} when the endpoint has none. Implementations are
 * thread-safe.
 */
public interface BatchApi {

	/**
	 * Splits lines into the files one batch each accepts, in the order given.
	 */
	List<List<BatchLine>> files(List<BatchLine> lines);

	/**
	 * Uploads one file's lines and creates its batch.
	 * @param lines one file's lines, as {@link #files} makes them
	 * @param metadata labels for the batch, e.g. the run
	 * @return the batch as created
	 */
	BatchState submit(List<BatchLine> lines, Map<String, String> metadata);

	/** The batch as it stands now. */
	BatchState poll(String batchId);

	/** Asks the service to cancel a batch; lines it has answered stay answered. */
	BatchState cancel(String batchId);

	/**
	 * Reads an ended batch's result files and joins them to the requests sent.
	 * @param requests the requests of its lines, by {@code custom_id}
	 * @return the answers priced at the batch rate and the reasons of failed lines; a
	 * line in neither was not answered
	 */
	BatchResults results(BatchState state, Map<String, ChatRequest> requests);

	/** Deletes a file; one already gone is fine. */
	void delete(@Nullable String fileId);

}
