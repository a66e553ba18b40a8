package dev.glmbatch.pipeline;

import java.time.Duration;

/**
 * Shows a run's {@link Progress}. Called from the step thread after each committed chunk, and once more with
 * {@code finished} at the end of the step; implementations decide how often to draw.
 */
@FunctionalInterface
public interface ProgressDisplay {

	void show(Progress progress);

	/** Plain log lines at most every two seconds, and one at the end: for logs, pipes and cron. */
	static ProgressDisplay logLines() {
		return new LogProgressDisplay();
	}

	/** {@code 1:02:03} or {@code 2:03}. */
	static String format(Duration duration) {
		long seconds = Math.max(0, duration.toSeconds());
		return (seconds >= 3600) ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
				: String.format("%d:%02d", seconds / 60, seconds % 60);
	}

}
