package dev.glmbatch.cli;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import dev.glmbatch.progress.Progress;
import dev.glmbatch.progress.ProgressDisplay;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;

/**
 * A live progress bar on the terminal (standard error): rows done of total, elapsed and
 * ETA, rows/s, GLM calls in flight of the limit, cost, and 429s once there are any. It
 * fits an 80-column terminal with a bar of ten columns or more up to 100,000 rows; tokens
 * are in the summary at the end and in the log lines. Used only when the command runs on
 * a terminal; elsewhere progress goes to log lines.
 */
final class TerminalProgress implements ProgressDisplay {

	/** The widest line drawn, also on a wider terminal: the bar does not need more. */
	private static final int MAX_WIDTH = 100;

	private @Nullable ProgressBar bar;

	/** Where the bar is drawn; {@code null}: the terminal, as wide as it is. */
	private final @Nullable ProgressBarConsumer consumer;

	TerminalProgress() {
		this(null);
	}

	/** A bar drawn by {@code consumer} (a test draws it into a line of known width). */
	TerminalProgress(@Nullable ProgressBarConsumer consumer) {
		this.consumer = consumer;
	}

	private volatile @Nullable Duration eta;

	/**
	 * What follows the speed, with the space the bar's renderer does not put before it:
	 * {@code " | GLM 3/5 $0.0123"}, and {@code " 429x2"} once throttled. Kept short: the
	 * bar takes what is left of the line.
	 */
	static String extraMessage(Progress progress) {
		return String.format(" | GLM %d/%d %s%s", progress.inFlight(), progress.limit(), progress.costText(),
				(progress.throttled() > 0) ? " 429x" + progress.throttled() : "");
	}

	/** Whether standard input and output are a terminal (not a pipe, a file or cron). */
	static boolean onTerminal() {
		return System.console() != null;
	}

	@Override
	public void show(Progress progress) {
		ProgressBar current = bar;
		if (current == null) {
			// no task name: the ratio says rows, and an 80-column line has no room to
			// spare
			ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName("")
				.setInitialMax(progress.totalRows())
				.setStyle(ProgressBarStyle.ASCII)
				.setUpdateIntervalMillis(250)
				.setMaxRenderedLength(MAX_WIDTH)
				.showSpeed()
				.setSpeedUnit(ChronoUnit.SECONDS)
				.setEtaFunction(state -> Optional.ofNullable(eta))
				.startsFrom(progress.rowsDone(), Duration.ZERO);
			if (consumer != null) {
				builder.setConsumer(consumer);
			}
			current = builder.build();
			bar = current;
		}
		eta = progress.eta();
		current.stepTo(progress.rowsDone());
		current.setExtraMessage(extraMessage(progress));
		if (progress.finished()) {
			current.close();
			bar = null;
		}
	}

}
