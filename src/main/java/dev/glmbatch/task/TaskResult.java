package dev.glmbatch.task;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import dev.glmbatch.input.SourceRow;
import org.jspecify.annotations.Nullable;

/**
 * The result of a task for one row.
 *
 * @param row the input row
 * @param status done or rejected
 * @param outputs output column to value, in output order; partial when rejected
 * @param reason why the row was rejected, or {@code null} when done
 * @param stats the calls it took
 */
public record TaskResult(SourceRow row, RowStatus status, Map<String, String> outputs, @Nullable String reason,
		CallStats stats) {

	public TaskResult {
		Objects.requireNonNull(row, "row");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(stats, "stats");
		outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
		if (status == RowStatus.REJECTED && reason == null) {
			throw new IllegalArgumentException("a rejected row needs a reason");
		}
	}

	public static TaskResult done(SourceRow row, Map<String, String> outputs, CallStats stats) {
		return new TaskResult(row, RowStatus.DONE, outputs, null, stats);
	}

	public static TaskResult rejected(SourceRow row, Map<String, String> outputs, String reason, CallStats stats) {
		return new TaskResult(row, RowStatus.REJECTED, outputs, reason, stats);
	}

}
