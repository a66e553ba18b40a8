package dev.glmbatch.run;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.llm.LlmException;
import dev.glmbatch.pipeline.ConfigurationProblemException;
import dev.glmbatch.pipeline.JobAssembler;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Why an execution failed or stopped, in one line for a person: the run's own stop reason
 * (its budget), the reason kept when it ended, or the message of the first cause a user
 * can act on (a GLM fault, a bad input, a configuration problem, a file that cannot be
 * written) found by walking the causes of its failures. Both the outcome of a run and its
 * summary read it here, so that {@code run} and {@code status} say the same.
 */
final class FailureReason {

	private static final String STOPPED_ON_REQUEST = "stopped at a chunk boundary on a stop request";

	private FailureReason() {
	}

	static @Nullable String of(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			return null;
		}
		String kept = kept(execution.getExecutionContext());
		if (kept != null) {
			return kept;
		}
		List<Throwable> failures = new ArrayList<>(execution.getAllFailureExceptions());
		// how Spring Batch ends a step that was asked to stop: not a failure
		failures.removeIf(failure -> failure instanceof JobInterruptedException);
		if (failures.isEmpty()) {
			return execution.getStatus() == BatchStatus.STOPPED ? STOPPED_ON_REQUEST : null;
		}
		for (Throwable failure : failures) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof LlmException || cause instanceof InputFormatException
						|| cause instanceof ConfigurationProblemException || cause instanceof UncheckedIOException) {
					return cause.getMessage();
				}
			}
		}
		Throwable root = failures.get(0);
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	/**
	 * Why an execution read back from the database failed or stopped: it has no
	 * exceptions, so only what it kept when it ended counts; a stopped execution that
	 * kept nothing was stopped on request.
	 */
	static @Nullable String stored(BatchStatus status, ExecutionContext context) {
		if (status == BatchStatus.COMPLETED) {
			return null;
		}
		String kept = kept(context);
		return (kept == null && status == BatchStatus.STOPPED) ? STOPPED_ON_REQUEST : kept;
	}

	/**
	 * The run's own stop reason (its budget) first, then the reason kept when the
	 * execution ended.
	 */
	private static @Nullable String kept(ExecutionContext context) {
		for (String key : List.of(JobAssembler.STOP_REASON_KEY, RunParameters.REASON_KEY)) {
			String reason = context.getString(key, "");
			if (!reason.isEmpty()) {
				return reason;
			}
		}
		return null;
	}

}
