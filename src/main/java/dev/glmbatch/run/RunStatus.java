package dev.glmbatch.run;

import org.springframework.batch.core.BatchStatus;

/**
 * Where a run is, or how an execution of it ended: the one status type of this
 * application, so that callers compare values rather than texts. Its names are Spring
 * Batch's, which {@code list}, {@code status} and the API have always shown;
 * {@link #of(BatchStatus)} is the only place that reads a {@link BatchStatus}.
 *
 * <p>
 * {@link #ALREADY_COMPLETED} is not a state of a run but an outcome of a request: the run
 * had completed with the same input, so nothing ran. It is one value of this type rather
 * than a second type because every caller that reports how a request ended (the command
 * line's exit code, the metrics, a sweep) treats it beside the others.
 */
public enum RunStatus {

	STARTING, STARTED, STOPPING, STOPPED, FAILED, COMPLETED, ABANDONED, UNKNOWN,

	/**
	 * The run had completed already with the same input: nothing was run (an outcome,
	 * never a stored state).
	 */
	ALREADY_COMPLETED;

	public static RunStatus of(BatchStatus status) {
		return switch (status) {
			case STARTING -> STARTING;
			case STARTED -> STARTED;
			case STOPPING -> STOPPING;
			case STOPPED -> STOPPED;
			case FAILED -> FAILED;
			case COMPLETED -> COMPLETED;
			case ABANDONED -> ABANDONED;
			case UNKNOWN -> UNKNOWN;
		};
	}

	/**
	 * Whether an execution of the run is (or was left) going: starting, running or
	 * stopping.
	 */
	public boolean isRunning() {
		return this == STARTING || this == STARTED || this == STOPPING;
	}

	/**
	 * How an execution that has returned with this status ended: completed or stopped as
	 * it says (a stop that had not settled yet counts as stopped), failed otherwise.
	 */
	RunStatus ending() {
		return switch (this) {
			case COMPLETED -> COMPLETED;
			case STOPPED, STOPPING -> STOPPED;
			default -> FAILED;
		};
	}

}
