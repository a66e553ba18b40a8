package dev.glmbatch.progress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress as an INFO log line every two seconds (on the {@link #tick beat}, not per
 * chunk: a chunk may take a minute or a tenth of a second), and one when the step ends.
 */
final class LogProgressDisplay implements ProgressDisplay {

	private static final Logger log = LoggerFactory.getLogger(LogProgressDisplay.class);

	@Override
	public void show(Progress progress) {
		if (progress.finished()) {
			print(progress);
		}
	}

	@Override
	public void tick(Progress progress) {
		print(progress);
	}

	private static void print(Progress progress) {
		log.info("Rows {}/{} at {} rows/s{}; GLM in flight {}/{}, {} tokens, {}, {} x 429", progress.rowsDone(),
				progress.totalRows(), String.format("%.1f", progress.rowsPerSecond()),
				(progress.eta() != null) ? ", ETA " + ProgressDisplay.format(progress.eta()) : "", progress.inFlight(),
				progress.limit(), progress.tokens(), progress.costText(), progress.throttled());
	}

}
