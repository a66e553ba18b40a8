package dev.glmbatch.run.schedule;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a job of the service is busy with: the kind of work, which decides nothing yet but
 * keeps the reason typed, and the one line a person reads in a 409 answer, the job list
 * and the log.
 *
 * @param work the kind of work
 * @param detail the work in one line, e.g. "run of in/orders.csv" or "processing
 * orders-2.csv"
 */
public record Busy(Work work, String detail) {

	public Busy {
		Objects.requireNonNull(work, "work");
		Objects.requireNonNull(detail, "detail");
	}

	static Busy run(Path input) {
		return new Busy(Work.RUN, "run of " + input);
	}

	static Busy resume(long runId) {
		return new Busy(Work.RESUME, "resume of run " + runId);
	}

	static Busy sweep(String detail) {
		return new Busy(Work.SWEEP, detail);
	}

	static Busy resumeAtStartUp(String detail) {
		return new Busy(Work.RESUME_AT_START_UP, detail);
	}

	public enum Work {

		/** One run of a job with one input, started on request. */
		RUN,

		/** A failed or stopped run, resumed on request. */
		RESUME,

		/**
		 * A sweep through the files of a job with an input pattern, on request or by its
		 * schedule.
		 */
		SWEEP,

		/** The runs an earlier service process left unfinished, resumed at start-up. */
		RESUME_AT_START_UP

	}

}
