package dev.glmbatch.run.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * What the latest trigger of a job did.
 *
 * @param at when it fired
 * @param outcome a one-line account, e.g. "2 file(s) processed" or "skipped: the previous
 * trigger is still running"
 */
public record TriggerReport(Instant at, String outcome) {

	public TriggerReport {
		Objects.requireNonNull(at, "at");
		Objects.requireNonNull(outcome, "outcome");
	}

}
