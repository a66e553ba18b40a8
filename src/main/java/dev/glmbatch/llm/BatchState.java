package dev.glmbatch.llm;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A batch as the server last described it, with the quirks of real servers smoothed out
 * by the adapter that read it: {@code ""} file ids are {@code null}, and a timestamp in
 * seconds or milliseconds is an instant.
 *
 * @param id the batch id
 * @param status where it stands
 * @param total its lines
 * @param completed lines answered so far
 * @param failed lines failed so far
 * @param outputFileId the file of answered lines, or {@code null}
 * @param errorFileId the file of failed lines, or {@code null}
 * @param errors why validation refused it, one {@code line N: message} each; empty
 * otherwise
 * @param createdAt when it was created, or {@code null} when the server did not say
 * @param inputFileId the uploaded file it runs, or {@code null} when the server did not
 * say
 */
public record BatchState(String id, Status status, int total, int completed, int failed, @Nullable String outputFileId,
		@Nullable String errorFileId, List<String> errors, @Nullable Instant createdAt, @Nullable String inputFileId) {

	public BatchState {
		errors = List.copyOf(errors);
	}

	/** A batch's status. */
	public enum Status {

		VALIDATING, FAILED, IN_PROGRESS, FINALIZING, COMPLETED, EXPIRED, CANCELLING, CANCELLED;

		/**
		 * The status of a wire value, e.g. {@code in_progress}.
		 * @throws BatchException for a value that is no status
		 */
		public static Status of(String wire) {
			try {
				return valueOf(wire.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new BatchException("the Batch API answered an unknown batch status '" + wire + "'");
			}
		}

		/** Whether the batch will change no more. */
		public boolean ended() {
			return this == FAILED || this == COMPLETED || this == EXPIRED || this == CANCELLED;
		}

		/** The wire value, e.g. {@code in_progress}. */
		public String wire() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
