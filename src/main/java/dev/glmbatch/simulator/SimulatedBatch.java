package dev.glmbatch.simulator;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One batch's state as the batches route shows it, moved along by {@link BatchEndpoints}.
 * Its JSON carries the documented quirks: timestamps in milliseconds, {@code ""} for a
 * file it has not got, and, on every second batch, {@code request_counts} flattened to
 * the top level. Thread-safe (every method synchronised).
 */
final class SimulatedBatch {

	static final String CHAT_ENDPOINT = "/v4/chat/completions";

	private static final long DAY_MILLIS = 24 * 60 * 60 * 1000L;

	private final String id;

	private final String inputFileId;

	private final @Nullable JsonNode metadata;

	private final long createdAt;

	private final boolean flatCounts;

	private String status = "validating";

	private int total;

	private int completed;

	private int failed;

	private String outputFileId = "";

	private String errorFileId = "";

	private final List<ValidationError> errors = new ArrayList<>();

	private long inProgressAt;

	private long finalizingAt;

	private long endedAt;

	SimulatedBatch(String id, String inputFileId, @Nullable JsonNode metadata, long createdAt, boolean flatCounts) {
		this.id = id;
		this.inputFileId = inputFileId;
		this.metadata = metadata;
		this.createdAt = createdAt;
		this.flatCounts = flatCounts;
	}

	String id() {
		return this.id;
	}

	String inputFileId() {
		return this.inputFileId;
	}

	synchronized String status() {
		return this.status;
	}

	synchronized boolean isCancelling() {
		return this.status.equals("cancelling");
	}

	synchronized void failValidation(List<ValidationError> found, long now) {
		this.errors.addAll(found);
		this.status = "failed";
		this.endedAt = now;
	}

	synchronized void start(int lines, long now) {
		this.total = lines;
		this.status = "in_progress";
		this.inProgressAt = now;
	}

	synchronized void lineDone(boolean ok) {
		if (ok) {
			this.completed++;
		}
		else {
			this.failed++;
		}
	}

	synchronized void finalizing(long now) {
		this.status = "finalizing";
		this.finalizingAt = now;
	}

	/**
	 * Ends the batch.
	 * @param endStatus {@code completed}, {@code expired} or {@code cancelled}
	 */
	synchronized void end(String endStatus, @Nullable String output, @Nullable String errorFile, long now) {
		this.outputFileId = (output != null) ? output : "";
		this.errorFileId = (errorFile != null) ? errorFile : "";
		this.status = endStatus;
		this.endedAt = now;
	}

	/** Asks a batch not yet ended to stop; returns whether it was still running. */
	synchronized boolean cancel() {
		if (this.status.equals("validating") || this.status.equals("in_progress")) {
			this.status = "cancelling";
			return true;
		}
		return false;
	}

	synchronized ObjectNode toJson(ObjectMapper mapper) {
		ObjectNode json = mapper.createObjectNode();
		json.put("id", this.id);
		json.put("object", "batch");
		json.put("endpoint", CHAT_ENDPOINT);
		json.put("input_file_id", this.inputFileId);
		json.put("completion_window", "24h");
		json.put("status", this.status);
		json.put("output_file_id", this.outputFileId);
		json.put("error_file_id", this.errorFileId);
		json.put("created_at", this.createdAt);
		json.put("expires_at", this.createdAt + DAY_MILLIS);
		putTime(json, "in_progress_at", this.inProgressAt);
		putTime(json, "finalizing_at", this.finalizingAt);
		putTime(json, "completed_at", this.status.equals("completed") ? this.endedAt : 0);
		putTime(json, "failed_at", this.status.equals("failed") ? this.endedAt : 0);
		putTime(json, "expired_at", this.status.equals("expired") ? this.endedAt : 0);
		putTime(json, "cancelled_at", this.status.equals("cancelled") ? this.endedAt : 0);
		ObjectNode counts = this.flatCounts ? json : json.putObject("request_counts");
		counts.put("total", this.total);
		counts.put("completed", this.completed);
		counts.put("failed", this.failed);
		if (this.errors.isEmpty()) {
			json.putNull("errors");
		}
		else {
			ObjectNode errorList = json.putObject("errors");
			errorList.put("object", "list");
			var data = errorList.putArray("data");
			for (ValidationError error : this.errors) {
				data.addObject()
					.put("code", error.code())
					.put("line", error.line())
					.put("message", error.message())
					.put("param", error.param());
			}
		}
		if (this.metadata != null) {
			json.set("metadata", this.metadata);
		}
		return json;
	}

	private static void putTime(ObjectNode json, String field, long millis) {
		if (millis > 0) {
			json.put(field, millis);
		}
		else {
			json.putNull(field);
		}
	}

	/**
	 * A problem found in one line of the input file at validation.
	 *
	 * @param code a short code, e.g. {@code invalid_json}
	 * @param line the line number, from 1
	 * @param message what is wrong
	 * @param param the field at fault, e.g. {@code custom_id}
	 */
	record ValidationError(String code, int line, String message, String param) {

	}

}
