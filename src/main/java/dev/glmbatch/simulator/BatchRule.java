package dev.glmbatch.simulator;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A scripted fate for the next batches the simulator is asked to run, instead of running
 * them normally: refused at validation, expired half done, slow, or no batch service at
 * all.
 *
 * <p>
 * Rules are checked in order (programmatic rules first, then the {@code batches} list of
 * the rules file) when a batch is created; the first one with uses left decides. A rule
 * with {@code times = N} applies to the first N batches only; {@code null} means all.
 * {@link Outcome#UNAVAILABLE} is different: while such a rule exists, every files and
 * batches route answers HTTP 404, as an endpoint without the Batch API does.
 *
 * @param outcome what happens to the batch
 * @param duration how long a {@link Outcome#SLOW} batch stays in progress; ignored
 * otherwise
 * @param times how many batches the rule applies to, or {@code null} for all
 */
public record BatchRule(Outcome outcome, @Nullable Duration duration, @Nullable Integer times) {

	public BatchRule {
		if (times != null && times < 1) {
			throw new IllegalArgumentException("times must be >= 1 when set, was " + times);
		}
		if (outcome == Outcome.SLOW && (duration == null || duration.isNegative() || duration.isZero())) {
			throw new IllegalArgumentException("a slow batch needs a positive duration");
		}
	}

	/** A rule for every batch. */
	public static BatchRule always(Outcome outcome) {
		return new BatchRule(outcome, null, null);
	}

	/** A rule for the next {@code times} batches. */
	public static BatchRule next(int times, Outcome outcome) {
		return new BatchRule(outcome, null, times);
	}

	/** Every batch stays in progress for {@code duration} before it completes. */
	public static BatchRule slow(Duration duration) {
		return new BatchRule(Outcome.SLOW, duration, null);
	}

	public BatchRule withTimes(@Nullable Integer times) {
		return new BatchRule(this.outcome, this.duration, times);
	}

	/** What happens to a batch. */
	public enum Outcome {

		/**
		 * Refused at validation: status {@code failed}, with line-numbered
		 * {@code errors.data}.
		 */
		INVALID,

		/**
		 * The first half of its lines answered, then status {@code expired}; the other
		 * lines are in neither file.
		 */
		EXPIRE,

		/** Stays in progress for the rule's duration, then completes. */
		SLOW,

		/** No Batch API: every files and batches route answers HTTP 404. */
		UNAVAILABLE

	}

}
