package dev.glmbatch.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param failures every validation failure on the way, in order, including those a repair
 * or escalation fixed
 */
public record TaskResult(SourceRow row, RowStatus status, Map<String, String> outputs, @Nullable String reason,
		CallStats stats, List<ValidationFailure> failures) {

	public TaskResult {
		Objects.requireNonNull(row, "row");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(stats, "stats");
		outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
		failures = List.copyOf(failures);
		if (status == RowStatus.REJECTED && reason == null) {
			throw new IllegalArgumentException("a rejected row needs a reason");
		}
	}

	public TaskResult(SourceRow row, RowStatus status, Map<String, String> outputs, @Nullable String reason,
			CallStats stats) {
		this(row, status, outputs, reason, stats, List.of());
	}

	public static TaskResult done(SourceRow row, Map<String, String> outputs, CallStats stats) {
		return new TaskResult(row, RowStatus.DONE, outputs, null, stats);
	}

	public static TaskResult rejected(SourceRow row, Map<String, String> outputs, String reason, CallStats stats) {
		return new TaskResult(row, RowStatus.REJECTED, outputs, reason, stats);
	}

	/** A copy with other call figures. */
	public TaskResult withStats(CallStats newStats) {
		return new TaskResult(row, status, outputs, reason, newStats, failures);
	}

	/** A copy that also lists {@code more} validation failures. */
	public TaskResult withFailures(List<ValidationFailure> more) {
		List<ValidationFailure> all = new ArrayList<>(failures);
		all.addAll(more);
		return new TaskResult(row, status, outputs, reason, stats, all);
	}

}
