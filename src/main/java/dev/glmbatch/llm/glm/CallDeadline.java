package dev.glmbatch.llm.glm;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * Closes a response body when the attempt's deadline passes. The JDK client's request
 * timeout stops at the response headers, and a body that trickles a byte now and then
 * never trips a read timeout; closing the stream from a timer unblocks the reading thread
 * and drops the connection. After reading, {@link #expired()} tells a complete body from
 * one cut by the timer (a cut body can look like a normal end of stream).
 */
final class CallDeadline implements AutoCloseable {

	private final AtomicBoolean expired = new AtomicBoolean();

	private final @Nullable ScheduledFuture<?> timer;

	private CallDeadline(ScheduledExecutorService scheduler, Closeable body, long remainingNanos) {
		if (remainingNanos <= 0) {
			this.timer = null;
			expire(body);
		}
		else {
			this.timer = scheduler.schedule(() -> expire(body), remainingNanos, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Starts the timer.
	 * @param deadlineNanos the deadline on the {@link System#nanoTime()} scale
	 */
	static CallDeadline arm(ScheduledExecutorService scheduler, Closeable body, long deadlineNanos) {
		return new CallDeadline(scheduler, body, deadlineNanos - System.nanoTime());
	}

	private void expire(Closeable body) {
		expired.set(true);
		try {
			body.close();
		}
		catch (IOException ex) {
			// the reader sees the failure itself; nothing to add here
		}
	}

	/** Whether the deadline passed and the body was closed under the reader. */
	boolean expired() {
		return expired.get();
	}

	/** Stops the timer; the body is left for the caller to close. */
	@Override
	public void close() {
		if (timer != null) {
			timer.cancel(false);
		}
	}

}
