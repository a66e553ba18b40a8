package dev.glmbatch.pipeline;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Progress as an INFO log line at most every two seconds, and one when the step ends. */
final class LogProgressDisplay implements ProgressDisplay {

	private static final Logger log = LoggerFactory.getLogger(LogProgressDisplay.class);

	private static final long INTERVAL_NANOS = 2_000_000_000L;

	private volatile long lastNanos = System.nanoTime();

	@Override
	public void show(Progress progress) {
		long now = System.nanoTime();
		if (!progress.finished() && now - lastNanos < INTERVAL_NANOS) {
			return;
		}
		lastNanos = now;
		log.info("Rows {}/{} at {} rows/s{}; GLM in flight {}/{}, {} tokens, {}, {} x 429", progress.rowsDone(),
				progress.totalRows(), String.format("%.1f", progress.rowsPerSecond()),
				(progress.eta() != null) ? ", ETA " + ProgressDisplay.format(progress.eta()) : "",
				progress.inFlight(), progress.limit(), progress.tokens(),
				progress.costText(), progress.throttled());
	}

}
