package dev.glmbatch.run;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A run that {@link RunOperator} has started, resumed, or found completed: its id, known
 * before its first chunk, and its outcome, which completes when the execution ends. The
 * execution runs on a thread of its own, so a caller that must answer at once (the
 * service) answers with the id and watches the outcome, and a caller that waits (the
 * command line) calls {@link #await()}.
 *
 * @param runId the run (job instance) id
 * @param start what the request did
 * @param outcome how the execution ended; completes exceptionally with what it threw
 * after the run had its id
 */
public record StartedRun(long runId, Start start, CompletableFuture<RunOutcome> outcome) {

	public StartedRun {
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(outcome, "outcome");
	}

	/**
	 * A run that had completed already with the same input: nothing runs, and the outcome
	 * is known now.
	 */
	static StartedRun alreadyCompleted(RunOutcome outcome) {
		return new StartedRun(outcome.runId(), Start.ALREADY_COMPLETED, CompletableFuture.completedFuture(outcome));
	}

	/**
	 * Waits for the execution to end.
	 * @throws RuntimeException what the execution threw, as it threw it
	 */
	public RunOutcome await() {
		return joined(outcome);
	}

	/**
	 * Joins a future, and throws what failed it unwrapped, so that callers see the same
	 * exceptions as before.
	 */
	static <T> T joined(CompletableFuture<T> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause.getMessage(), cause);
		}
	}

	/** What a start or restart request did. */
	public enum Start {

		/** Started a new run. */
		NEW,

		/**
		 * Resumed an unfinished run (failed, stopped, or left running by a process that
		 * died).
		 */
		RESUMED,

		/** Found the run completed with the same input: nothing runs. */
		ALREADY_COMPLETED

	}

}
