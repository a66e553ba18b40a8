package dev.glmbatch.simulator;

import java.time.Duration;
import java.util.Random;

/**
 * How long the simulated model takes: a lognormal time to first token and a fixed
 * generation speed.
 */
final class LatencyModel {

	private static final double NANOS_PER_SECOND = 1e9;

	private final long medianNanos;

	private final double sigma;

	private final double tokensPerSecond;

	private final Random random;

	LatencyModel(Duration median, double sigma, double tokensPerSecond, Random random) {
		this.medianNanos = median.toNanos();
		this.sigma = sigma;
		this.tokensPerSecond = tokensPerSecond;
		this.random = random;
	}

	long firstTokenNanos() {
		if (this.medianNanos == 0 || this.sigma == 0) {
			return this.medianNanos;
		}
		// the median of exp(N(mu, sigma)) is exp(mu), so scaling the median keeps it the
		// median
		return (long) (this.medianNanos * Math.exp(this.sigma * this.random.nextGaussian()));
	}

	/** Time to generate the given tokens, or 0 without pacing. */
	long generationNanos(int tokens) {
		return isPaced() ? (long) (tokens * NANOS_PER_SECOND / this.tokensPerSecond) : 0;
	}

	boolean isPaced() {
		return this.tokensPerSecond > 0;
	}

	static void sleepNanos(long nanos) throws InterruptedException {
		if (nanos > 0) {
			Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
		}
	}

}
