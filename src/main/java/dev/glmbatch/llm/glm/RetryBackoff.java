package dev.glmbatch.llm.glm;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/**
 * Capped exponential backoff with full jitter: before retry {@code n} (1 for the first)
 * wait a uniformly random time in {@code [0, min(max, initial·2^(n−1))]}. Full jitter
 * spreads the retries of many threads that failed together, which is what a shared
 * per-account concurrency limit needs. A server's {@code Retry-After} is a floor.
 */
final class RetryBackoff {

	private final Duration initial;

	private final Duration max;

	private final Random random;

	/**
	 * @param random source of jitter; {@link Random} is thread-safe, and a seeded one
	 * makes tests repeatable
	 */
	RetryBackoff(Duration initial, Duration max, Random random) {
		this.initial = Objects.requireNonNull(initial, "initial");
		this.max = Objects.requireNonNull(max, "max");
		this.random = Objects.requireNonNull(random, "random");
	}

	/** The upper bound of the random wait before the given retry. */
	Duration ceiling(int retry) {
		if (retry < 1) {
			throw new IllegalArgumentException("retry must be >= 1, was " + retry);
		}
		long initialNanos = initial.toNanos();
		long maxNanos = max.toNanos();
		int doublings = retry - 1;
		// beyond 62 doublings the shift overflows; the cap is reached long before
		if (doublings >= 62 || initialNanos > (maxNanos >> doublings)) {
			return max;
		}
		return Duration.ofNanos(initialNanos << doublings);
	}

	/**
	 * How long to wait before the given retry.
	 * @param retry 1 for the first retry
	 * @param retryAfter what the server asked for, or {@code null}
	 * @return the jittered wait, never shorter than {@code retryAfter}
	 */
	Duration delayBefore(int retry, @Nullable Duration retryAfter) {
		long bound = ceiling(retry).toNanos();
		Duration jittered = Duration.ofNanos((bound > 0) ? random.nextLong(bound + 1) : 0);
		if (retryAfter != null && retryAfter.compareTo(jittered) > 0) {
			return retryAfter;
		}
		return jittered;
	}

}
