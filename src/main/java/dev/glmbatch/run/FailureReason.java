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

/**
 * Why an execution failed or stopped, in one line for a person: the run's own stop reason (its budget), the reason
 * kept when it ended, or the message of the first cause a user can act on (a GLM fault, a bad input, a configuration
 * problem, a file that cannot be written) found by walking the causes of its failures. Both the outcome of a run and
 * its summary read it here, so that {@code run} and {@code status} say the same.
 */
final class FailureReason {

	private FailureReason() {
	}

	static @Nullable String of(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			return null;
		}
		String stopReason = execution.getExecutionContext().getString(JobAssembler.STOP_REASON_KEY, "");
		if (!stopReason.isEmpty()) {
			return stopReason;
		}
		// kept when the execution ended: an execution read back from the database has no exceptions
		String kept = execution.getExecutionContext().getString(RunParameters.REASON_KEY, "");
		if (!kept.isEmpty()) {
			return kept;
		}
		List<Throwable> failures = new ArrayList<>(execution.getAllFailureExceptions());
		// how Spring Batch ends a step that was asked to stop: not a failure
		failures.removeIf(failure -> failure instanceof JobInterruptedException);
		if (failures.isEmpty()) {
			return execution.getStatus() == BatchStatus.STOPPED ? "stopped at a chunk boundary on a stop request"
					: null;
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

}
