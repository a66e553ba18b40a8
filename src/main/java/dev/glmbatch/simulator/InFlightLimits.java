package dev.glmbatch.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The per-model concurrency quota of an account: at most {@link #limitOf} requests of a
 * model in progress at once. Thread-safe.
 */
final class InFlightLimits {

	private static final int DEFAULT_LIMIT = 10;

	// published per-model defaults (Dec-2025 snapshot of the rate-limit table)
	private static final Map<String, Integer> PUBLISHED = Map.of("glm-4.5", 10, "glm-4.5-air", 5, "glm-4.5-airx", 5,
			"glm-4.5-flash", 2, "glm-4.6", 5);

	private final @Nullable Integer everyModel;

	private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

	/**
	 * @param everyModel a limit for every model, or {@code null} for the published
	 * per-model defaults
	 */
	InFlightLimits(@Nullable Integer everyModel) {
		this.everyModel = everyModel;
	}

	int limitOf(String model) {
		return (this.everyModel != null) ? this.everyModel : PUBLISHED.getOrDefault(model, DEFAULT_LIMIT);
	}

	/**
	 * Takes a slot for the model unless all are taken; a {@code true} result must be
	 * paired with {@link #release}.
	 */
	boolean tryAcquire(String model) {
		int limit = limitOf(model);
		AtomicInteger count = this.inFlight.computeIfAbsent(model, (key) -> new AtomicInteger());
		int current;
		do {
			current = count.get();
			if (current >= limit) {
				return false;
			}
		}
		while (!count.compareAndSet(current, current + 1));
		return true;
	}

	void release(String model) {
		AtomicInteger count = this.inFlight.get(model);
		if (count == null) {
			throw new IllegalStateException("release without a slot taken for " + model);
		}
		count.decrementAndGet();
	}

}
