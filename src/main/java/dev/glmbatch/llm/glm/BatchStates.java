package dev.glmbatch.llm.glm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.glmbatch.llm.BatchException;
import dev.glmbatch.llm.BatchState;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a batch object as servers send it: {@code request_counts} nested or flattened,
 * {@code ""} for a missing file id, timestamps in seconds or milliseconds.
 */
final class BatchStates {

	/** Timestamps above this are milliseconds (it is the year 33658 in seconds). */
	private static final long MILLIS_THRESHOLD = 1_000_000_000_000L;

	private BatchStates() {
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
		return new BatchState(id, BatchState.Status.of(json.path("status").asString("")), counts.path("total").asInt(0),
				counts.path("completed").asInt(0), counts.path("failed").asInt(0), fileId(json, "output_file_id"),
				fileId(json, "error_file_id"), errors, instant(json.path("created_at")), fileId(json, "input_file_id"));
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

}
