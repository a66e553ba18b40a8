package dev.glmbatch.llm.glm;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.llm.LlmTraffic;
import dev.glmbatch.llm.ModelTable;
import dev.glmbatch.llm.SharedInFlightLimit;
import dev.glmbatch.llm.TrafficSnapshot;

/**
 * Keeps the HTTP attempts of each model within an adaptive in-flight limit, the way Z.AI
 * limits an account requests in flight per model. {@link GlmClient} asks for a permit
 * before every attempt and reports how it ended.
 * <ul>
 * <li>Each model starts at its ceiling: a job's own limit for the model
 * ({@link #setInFlightCeiling}), else {@code glm.max-in-flight} for the model, else
 * {@code glm.max-in-flight} for every model, else the model table's default for the
 * model.</li>
 * <li>1302 or 1303 (too many in flight, too frequent) halves the model's limit, once per
 * window: answers to attempts sent before the last cut do not cut again, so a burst of
 * 429s halves once, not down to 1.</li>
 * <li>After as many successes in a row as the limit (one window of calls), the limit
 * grows by one, never above the ceiling: Z.AI lowers limits at peak hours without notice
 * and raises them again later, and a configured limit is what the account was granted, so
 * probing beyond it would only buy 429s.</li>
 * <li>1305 (platform overloaded) pauses every attempt of the client, on every thread, for
 * the backoff of that retry; a thread waits out each pause once. {@link GlmClient} lets
 * one call cause at most {@value GlmClient#MAX_SHARED_PAUSES} such pauses.</li>
 * </ul>
 * When processes share the account's limit ({@link SharedInFlightLimit}, on a PostgreSQL
 * state database), an attempt also takes a permit of the shared pool, and the pool, not
 * this process, halves and grows the limit; the local slots then only count, at the
 * ceiling.
 * <p>
 * Thread-safe.
 */
final class ConcurrencyGovernor implements LlmTraffic {

	private final ToIntFunction<String> ceilings;

	private final Map<String, Integer> setCeilings = new ConcurrentHashMap<>();

	private final Sleeper sleeper;

	private final LongSupplier nanoClock;

	private final Map<String, ModelQuota> quotas = new ConcurrentHashMap<>();

	private final @Nullable SharedInFlightLimit shared;

	private final Object pauseMonitor = new Object();

	private long pauseUntilNanos;

	private long pauseEpoch;

	/**
	 * @param ceilings the configured ceiling of a model
	 * @param sleeper how a thread waits out a pause
	 * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime})
	 */
	ConcurrencyGovernor(ToIntFunction<String> ceilings, Sleeper sleeper, LongSupplier nanoClock) {
		this(ceilings, sleeper, nanoClock, null);
	}

	/**
	 * @param ceilings the configured ceiling of a model
	 * @param sleeper how a thread waits out a pause
	 * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime})
	 * @param shared the limit other processes share, or {@code null} when this process is
	 * alone
	 */
	ConcurrencyGovernor(ToIntFunction<String> ceilings, Sleeper sleeper, LongSupplier nanoClock,
			@Nullable SharedInFlightLimit shared) {
		this.ceilings = ceilings;
		this.sleeper = sleeper;
		this.nanoClock = nanoClock;
		this.shared = shared;
	}

	/**
	 * @param configuredLimit the ceiling of every model, or {@code null} for the shipped
	 * model table's defaults
	 */
	ConcurrencyGovernor(@Nullable Integer configuredLimit, Sleeper sleeper, LongSupplier nanoClock) {
		this(model -> (configuredLimit != null) ? configuredLimit : ModelTable.shipped().spec(model).maxInFlight(),
				sleeper, nanoClock);
	}

	/** The ceiling of a model's limit. */
	int ceilingOf(String model) {
		Integer set = setCeilings.get(model);
		return (set != null) ? set : ceilings.applyAsInt(model);
	}

	/**
	 * Sets the ceiling of a model's limit from now on, in this process (a job file's
	 * {@code max-in-flight}); the limit starts again at it.
	 */
	@Override
	public void setInFlightCeiling(String model, int ceiling) {
		if (ceiling < 1) {
			throw new IllegalArgumentException("the in-flight ceiling must be >= 1, was " + ceiling);
		}
		setCeilings.put(model, ceiling);
		quota(model).ceiling(ceiling);
		if (shared != null) {
			shared.setCeiling(model, ceiling);
		}
	}

	/**
	 * Waits out a pause this thread has not waited out yet, then for a free slot of the
	 * model.
	 * @param model the model of the attempt
	 * @param seenPauseEpoch the pause this call already waited out
	 * ({@link InFlightPermit#pauseEpoch()} of its previous attempt), or {@code -1} for a
	 * first attempt
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
		InFlightPermit permit = quota(model).acquire(this, epoch);
		if (shared != null) {
			try {
				permit.share(shared.acquire(model));
			}
			catch (InterruptedException | RuntimeException ex) {
				permit.release();
				throw ex;
			}
		}
		return permit;
	}

	/** Whether the pool of several processes, not this governor, adapts the limit. */
	boolean isShared() {
		return shared != null;
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
		TrafficSnapshot local = quota(model).snapshot();
		int sharedLimit = (shared != null) ? shared.limit(model) : 0;
		return (sharedLimit > 0) ? new TrafficSnapshot(sharedLimit, local.inFlight(), local.rateLimited(),
				local.overloaded(), local.faultsByCode()) : local;
	}

	private ModelQuota quota(String model) {
		return quotas.computeIfAbsent(model, (key) -> {
			int ceiling = ceilingOf(key);
			if (shared != null) {
				shared.register(key, ceiling);
			}
			return new ModelQuota(ceiling);
		});
	}

}
