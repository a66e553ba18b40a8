package dev.glmbatch.pipeline;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.glmbatch.pipeline.ResultStaging.StagedRow;

/**
 * One line of the JSONL output, its fields in this order. {@code output} holds the job's
 * output columns, JSON columns with their JSON types; an extraction's also holds the
 * whole extracted object as {@code raw}, which other tasks leave out. {@code reason} is
 * {@code null} for a done row.
 *
 * @param row the row number
 * @param id the row's id column, or its row number when the job names none
 * @param line the row's line (or sheet row) in the input
 * @param status the row's {@link dev.glmbatch.task.RowStatus status}
 * @param input the row's input columns, as read
 * @param output the row's output columns
 * @param raw the extracted object, or {@code null} for other tasks (then left out)
 * @param reason why the row was rejected, or {@code null}
 * @param calls the GLM calls the row took
 * @param thinking the row's calls with thinking on
 * @param tokens the row's tokens
 */
record JsonlLine(long row, String id, long line, String status, Map<String, String> input,
		Map<String, @Nullable Object> output, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable JsonNode raw,
		@Nullable String reason, long calls, Thinking thinking, Tokens tokens) {

	/** A staged row's line, given its id and output columns. */
	static JsonlLine of(StagedRow row, String id, Map<String, @Nullable Object> output, @Nullable JsonNode raw) {
		return new JsonlLine(row.rowNumber(), id, row.line(), row.status().name(), row.input(), output, raw,
				row.reason(), row.calls(),
				new Thinking(row.thinkingCalls() > 0, row.thinkingCalls(), row.escalations()),
				new Tokens(row.promptTokens(), row.completionTokens(), row.cachedTokens()));
	}

	/**
	 * @param used whether any call of the row had thinking on
	 * @param calls the calls with thinking on
	 * @param escalations the calls made again with thinking on after an answer failed its
	 * checks
	 */
	record Thinking(boolean used, long calls, long escalations) {
	}

	record Tokens(long prompt, long completion, long cached) {
	}

}
