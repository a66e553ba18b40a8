package dev.glmbatch.llm.glm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A {@link Sleeper} that records the waits the client asks for and returns at once. */
final class RecordingSleeper implements Sleeper {

	private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

	@Override
	public void sleep(Duration duration) {
		waits.add(duration);
	}

	List<Duration> waits() {
		synchronized (waits) {
			return List.copyOf(waits);
		}
	}

}
