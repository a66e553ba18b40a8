package dev.glmbatch.llm.glm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A batch as the server last described it, with the quirks of real servers smoothed out:
 * {@code ""} file ids are {@code null}, {@code request_counts} are read nested or
 * flattened, and a timestamp is read as seconds or milliseconds, whichever it is.
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
 */
public record BatchState(String id, Status status, int total, int completed, int failed, @Nullable String outputFileId,
		@Nullable String errorFileId, List<String> errors, @Nullable Instant createdAt) {

	/** Timestamps above this are milliseconds (it is the year 33658 in seconds). */
	private static final long MILLIS_THRESHOLD = 1_000_000_000_000L;

	public BatchState {
		errors = List.copyOf(errors);
	}

	static BatchState of(JsonNode json) {
		String id = json.path("id").asString("");
		if (id.isEmpty()) {
			throw new BatchException("the Batch API answered no batch id: " + json);
		}
		JsonNode counts = json.path("request_counts").isObject() ? json.path("request_counts") : json;
		List<String> errors = new ArrayList<>();
		for (JsonNode error : json.path("errors").path("data")) {
			errors.add("line " + error.path("line").asInt(0) + ": " + error.path("message").asString("").strip()
					+ (error.path("code").asString("").isEmpty() ? "" : " (" + error.path("code").asString() + ")"));
		}
		return new BatchState(id, Status.of(json.path("status").asString("")), counts.path("total").asInt(0),
				counts.path("completed").asInt(0), counts.path("failed").asInt(0), fileId(json, "output_file_id"),
				fileId(json, "error_file_id"), errors, instant(json.path("created_at")));
	}

	private static @Nullable String fileId(JsonNode json, String field) {
		String id = json.path(field).asString("");
		return id.isBlank() ? null : id;
	}

	static @Nullable Instant instant(JsonNode value) {
		if (!value.isNumber()) {
			return null;
		}
		long number = value.asLong();
		return (number >= MILLIS_THRESHOLD) ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
	}

	/** A batch's status. */
	public enum Status {

		VALIDATING, FAILED, IN_PROGRESS, FINALIZING, COMPLETED, EXPIRED, CANCELLING, CANCELLED;

		static Status of(String wire) {
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
