package dev.glmbatch.llm.glm;

import java.time.Duration;

/**
 * Waits between attempts; a seam so that tests of backoff record waits instead of
 * spending them.
 */
@FunctionalInterface
interface Sleeper {

	/** Sleeps on the calling thread. */
	Sleeper SYSTEM = (duration) -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);

	/**
	 * Waits for the duration.
	 * @throws InterruptedException when the thread is interrupted; the call then gives up
	 */
	void sleep(Duration duration) throws InterruptedException;

}
