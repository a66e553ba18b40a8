package dev.glmbatch.jobdef;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a job's first calls reach GLM: one by one ({@code sync}), through the Batch API at
 * half the price ({@code batch}), or through the Batch API until a deadline nears and one
 * by one after it ({@code auto}). Repairs, escalations and lines a batch did not answer
 * always go one by one.
 *
 * @param kind the mode
 * @param deadline for {@code auto}, how long after the run's first batch the run should
 * be done; {@code null} for the other modes
 */
public record CallMode(Kind kind, @Nullable Duration deadline) {

	/** Every call one by one, the default. */
	public static final CallMode SYNC = new CallMode(Kind.SYNC, null);

	/** First calls through the Batch API, without a deadline. */
	public static final CallMode BATCH = new CallMode(Kind.BATCH, null);

	public CallMode {
		Objects.requireNonNull(kind, "kind");
		if ((kind == Kind.AUTO) != (deadline != null)) {
			throw new IllegalArgumentException("a deadline goes with mode auto, and only with it");
		}
		if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
			throw new IllegalArgumentException("deadline must be positive, was " + deadline);
		}
	}

	/** Batch first, one by one from when the deadline nears. */
	public static CallMode auto(Duration deadline) {
		return new CallMode(Kind.AUTO, deadline);
	}

	/** Whether first calls go through the Batch API at all. */
	public boolean batches() {
		return kind != Kind.SYNC;
	}

	/** The modes, as job files write them in lower case. */
	public enum Kind {

		SYNC, BATCH, AUTO

	}

}
