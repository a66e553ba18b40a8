package dev.glmbatch.task.document;

import java.time.Duration;

/**
 * The moment by which a document must be read. The readers ask it often (at each read of
 * the file, page and content operator), so that a document that would take too long is
 * given up soon after its time is up. Confined to one thread.
 */
final class Deadline {

	private final Duration allowed;

	private final long endNanos;

	private int calls;

	Deadline(Duration allowed) {
		this.allowed = allowed;
		this.endNanos = System.nanoTime() + allowed.toNanos();
	}

	/**
	 * @throws UnreadableDocumentException when the time is up
	 */
	void check() {
		if (System.nanoTime() - endNanos > 0) {
			String limit = (allowed.toSeconds() > 0) ? allowed.toSeconds() + " s" : allowed.toMillis() + " ms";
			throw new UnreadableDocumentException(
					"took longer than " + limit + " to read (max-seconds), so it was" + " given up");
		}
	}

	/** {@link #check()} at every 256th call, for the hot paths. */
	void checkOften() {
		if ((++calls & 0xFF) == 0) {
			check();
		}
	}

}
