package dev.glmbatch.llm.glm;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.llm.LlmTraffic;
import dev.glmbatch.llm.TrafficSnapshot;

/**
 * Keeps the HTTP attempts of each model within an adaptive in-flight limit, the way Z.AI limits an account
 * (glm-api.md §6): requests in flight per model. {@link GlmClient} asks for a permit before every attempt and
 * reports how it ended.
 * <ul>
 * <li>Each model starts at its ceiling: {@code glm.max-in-flight} when set, otherwise the published default of the
 * model (glm-4.5 10, glm-4.5-air 5, glm-4.5-airx 5, glm-4.5-flash 2, glm-4.6 5, any other model 10).</li>
 * <li>1302 or 1303 (too many in flight, too frequent) halves the model's limit, once per window: answers to
 * attempts sent before the last cut do not cut again, so a burst of 429s halves once, not down to 1.</li>
 * <li>After as many successes in a row as the limit (one window of calls), the limit grows by one, never above the
 * ceiling: Z.AI lowers limits at peak hours without notice and raises them again later, and a configured limit is
 * what the account was granted, so probing beyond it would only buy 429s.</li>
 * <li>1305 (platform overloaded) pauses every attempt of the client, on every thread, for the backoff of that retry;
 * a thread waits out each pause once. {@link GlmClient} lets one call cause at most
 * {@value GlmClient#MAX_SHARED_PAUSES} such pauses.</li>
 * </ul>
 * Thread-safe.
 */
final class ConcurrencyGovernor implements LlmTraffic {

	/** Published per-model concurrency defaults (Z.AI console, Dec-2025). */
	private static final Map<String, Integer> PUBLISHED = Map.of("glm-4.5", 10, "glm-4.5-air", 5, "glm-4.5-airx", 5,
			"glm-4.5-flash", 2, "glm-4.6", 5);

	private static final int UNLISTED_MODEL_LIMIT = 10;

	private final @Nullable Integer configuredLimit;

	private final Sleeper sleeper;

	private final LongSupplier nanoClock;

	private final Map<String, ModelQuota> quotas = new ConcurrentHashMap<>();

	private final Object pauseMonitor = new Object();

	private long pauseUntilNanos;

	private long pauseEpoch;

	/**
	 * @param configuredLimit the ceiling of every model, or {@code null} for the published per-model defaults
	 * @param sleeper how a thread waits out a pause
	 * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime})
	 */
	ConcurrencyGovernor(@Nullable Integer configuredLimit, Sleeper sleeper, LongSupplier nanoClock) {
		this.configuredLimit = configuredLimit;
		this.sleeper = sleeper;
		this.nanoClock = nanoClock;
	}

	/** The ceiling of a model's limit. */
	int ceilingOf(String model) {
		if (configuredLimit != null) {
			return configuredLimit;
		}
		return PUBLISHED.getOrDefault(model.strip().toLowerCase(Locale.ROOT), UNLISTED_MODEL_LIMIT);
	}

	/**
	 * Waits out a pause this thread has not waited out yet, then for a free slot of the model.
	 * @param model the model of the attempt
	 * @param seenPauseEpoch the pause this call already waited out ({@link InFlightPermit#pauseEpoch()} of its
	 * previous attempt), or {@code -1} for a first attempt
	 * @return the permit; release it when the attempt ends
	 * @throws InterruptedException when interrupted while waiting
	 */
	InFlightPermit acquire(String model, long seenPauseEpoch) throws InterruptedException {
		long epoch;
		long remaining;
		synchronized (pauseMonitor) {
			epoch = pauseEpoch;
			remaining = pauseUntilNanos - nanoClock.getAsLong();
		}
		if (epoch != seenPauseEpoch && remaining > 0) {
			sleeper.sleep(Duration.ofNanos(remaining));
		}
		return quota(model).acquire(this, epoch);
	}

	/**
	 * Pauses every attempt for at least {@code pause} from now.
	 * @return the epoch of the pause, which the caller has waited out by its own backoff
	 */
	long pauseAll(Duration pause) {
		synchronized (pauseMonitor) {
			pauseUntilNanos = Math.max(pauseUntilNanos, nanoClock.getAsLong() + pause.toNanos());
			return ++pauseEpoch;
		}
	}

	@Override
	public TrafficSnapshot traffic(String model) {
		return quota(model).snapshot();
	}

	private ModelQuota quota(String model) {
		return quotas.computeIfAbsent(model, key -> new ModelQuota(ceilingOf(key)));
	}

}
