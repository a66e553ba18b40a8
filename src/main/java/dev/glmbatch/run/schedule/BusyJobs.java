package dev.glmbatch.run.schedule;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * The jobs of the service that have a run or a sweep going, and what each is busy with: a
 * job never runs twice at once, so a claim on a busy job fails. Its size is the
 * {@code glmbatch.runs.active} gauge, bound as a {@link MeterBinder} so that the
 * registry, not the launcher, decides when meters are made. Thread-safe.
 */
class BusyJobs implements MeterBinder {

	private final Map<String, Busy> busy = new ConcurrentHashMap<>();

	/**
	 * Marks a free job busy.
	 * @throws JobBusyException when it is busy already
	 */
	void claim(String jobName, Busy what) {
		Busy running = claimIfFree(jobName, what);
		if (running != null) {
			throw new JobBusyException(jobName, running.detail());
		}
	}

	/**
	 * Marks the job busy when it is free.
	 * @return what it is busy with already, or {@code null} when the claim succeeded
	 */
	@Nullable Busy claimIfFree(String jobName, Busy what) {
		return busy.putIfAbsent(jobName, what);
	}

	/**
	 * Says what a busy job does now (the next file of a sweep, the next run to resume).
	 */
	void now(String jobName, Busy what) {
		busy.put(jobName, what);
	}

	void release(String jobName) {
		busy.remove(jobName);
	}

	Optional<Busy> of(String jobName) {
		return Optional.ofNullable(busy.get(jobName));
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("glmbatch.runs.active", busy, Map::size).description("Runs executing now").register(registry);
	}

}
