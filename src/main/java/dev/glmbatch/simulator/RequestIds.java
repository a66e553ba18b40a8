package dev.glmbatch.simulator;

import java.util.Iterator;
import java.util.LinkedHashSet;

/**
 * The {@code request_id}s the simulator has seen, so that a repeated one is refused with
 * 1231 ("you already have a request") as Z.AI does. Remembers the most recent
 * {@value #REMEMBERED} ids. Thread-safe.
 */
final class RequestIds {

	static final int REMEMBERED = 100_000;

	private final LinkedHashSet<String> seen = new LinkedHashSet<>();

	/** Remembers an id; {@code false} when it had been seen before. */
	synchronized boolean firstUse(String requestId) {
		if (!this.seen.add(requestId)) {
			return false;
		}
		if (this.seen.size() > REMEMBERED) {
			Iterator<String> oldest = this.seen.iterator();
			oldest.next();
			oldest.remove();
		}
		return true;
	}

	synchronized void clear() {
		this.seen.clear();
	}

}
