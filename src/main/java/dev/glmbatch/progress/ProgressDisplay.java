package dev.glmbatch.progress;

import java.time.Duration;

/**
 * Shows a run's {@link Progress}. {@link #show} is called from the step thread after each
 * committed chunk, and once more with {@code finished} at the end of the step;
 * {@link #tick} every two seconds while the step runs, from a timer thread, however long
 * a chunk takes. Implementations decide what to draw on each.
 */
@FunctionalInterface
public interface ProgressDisplay {

	void show(Progress progress);

	/**
	 * The two-second beat: the same as {@link #show} unless the display draws only on the
	 * beat.
	 */
	default void tick(Progress progress) {
		show(progress);
	}

	/**
	 * A plain log line every two seconds, and one at the end: for logs, pipes and cron.
	 */
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
