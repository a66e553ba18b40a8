package dev.glmbatch.pipeline;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Decides what happens to a row whose call used up every retry on transient faults (rate
 * limits, overload, 5xx, dropped connections). While GLM answers other calls, such a row
 * goes back to the queue and is tried again later with a fresh retry budget, after a
 * pause that doubles each time (1 s, 2 s, ... 16 s): a fault mix that GLM mostly survives
 * must not end the run. The run stops only when the faults persist: no call of this
 * execution was answered for {@code window}, or one row ran out of retries
 * {@value #MAX_REQUEUES} times more. Thread-safe.
 */
final class TransientFailures {

	/**
	 * How often one row may go back to the queue before its failures count as persistent.
	 */
	static final int MAX_REQUEUES = 5;

	private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

	private final Duration window;

	private final LongSupplier nanoClock;

	private volatile long lastAnswerNanos;

	/**
	 * @param window how long no call may be answered before the failures count as
	 * persistent
	 * @param nanoClock monotonic time ({@code System::nanoTime})
	 */
	TransientFailures(Duration window, LongSupplier nanoClock) {
		this.window = window;
		this.nanoClock = nanoClock;
		this.lastAnswerNanos = nanoClock.getAsLong();
	}

	/**
	 * The endpoint answered a call (an answer or a refusal of the request): it is not
	 * down.
	 */
	void answered() {
		lastAnswerNanos = nanoClock.getAsLong();
	}

	/**
	 * A row's call ran out of retries.
	 * @param requeues how often the row has gone back to the queue already
	 * @return how long the row waits before it is tried again, or {@code null} when the
	 * failures persist and the run must stop ({@link #persistence} says why)
	 */
	@Nullable Duration requeueDelay(int requeues) {
		if (requeues >= MAX_REQUEUES || silentFor().compareTo(window) >= 0) {
			return null;
		}
		return FIRST_DELAY.multipliedBy(1L << requeues);
	}

	/**
	 * Why the failures of a row that {@link #requeueDelay} refused count as persistent.
	 */
	String persistence(long rowNumber, int requeues) {
		if (requeues >= MAX_REQUEUES) {
			return "row " + rowNumber + " ran out of retries on transient faults " + (requeues + 1)
					+ " times, while GLM answered other calls";
		}
		return "GLM has answered no call for " + describe(silentFor()) + " (glmbatch.persistent-failure is "
				+ describe(window) + "): the endpoint is not answering";
	}

	private Duration silentFor() {
		return Duration.ofNanos(nanoClock.getAsLong() - lastAnswerNanos);
	}

	private static String describe(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds >= 120 && seconds % 60 == 0) {
			return (seconds / 60) + " min";
		}
		return (seconds > 0) ? seconds + " s" : duration.toMillis() + " ms";
	}

}
