package dev.glmbatch.jobdef;

import java.time.ZoneId;
import java.util.Objects;

/**
 * When the service runs a job: a Spring cron expression (six fields, seconds first) read
 * in a time zone.
 *
 * @param cron the cron expression, already checked to parse
 * @param zone the time zone the expression is read in
 * @param missed what the service does at start-up about triggers that fell while it was
 * down
 */
public record Schedule(String cron, ZoneId zone, MissedTriggers missed) {

	public Schedule {
		Objects.requireNonNull(cron, "cron");
		Objects.requireNonNull(zone, "zone");
		Objects.requireNonNull(missed, "missed");
	}

	/** The policy for triggers that fell while the service was down. */
	public enum MissedTriggers {

		/**
		 * One catch-up trigger at start-up, whether or not a trigger actually fell in the
		 * down time; it processes the files that arrived meanwhile and resumes runs
		 * interrupted by the shutdown. Safe because a trigger never repeats a completed
		 * file.
		 */
		RUN_ONCE,

		/** Nothing at start-up: the next trigger catches up. */
		SKIP

	}

}
