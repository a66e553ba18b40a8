package dev.glmbatch.cli;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import dev.glmbatch.pipeline.Progress;
import dev.glmbatch.pipeline.ProgressDisplay;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;

/**
 * A live progress bar on the terminal (standard error): rows done of total, rows/s, ETA, GLM calls in flight of the
 * limit, tokens, cost and 429s. Used only when the command runs on a terminal; elsewhere progress goes to log lines.
 */
final class TerminalProgress implements ProgressDisplay {

	private @Nullable ProgressBar bar;

	private volatile @Nullable Duration eta;

	/** Whether standard input and output are a terminal (not a pipe, a file or cron). */
	static boolean onTerminal() {
		return System.console() != null;
	}

	@Override
	public void show(Progress progress) {
		ProgressBar current = bar;
		if (current == null) {
			current = new ProgressBarBuilder().setTaskName("rows")
				.setInitialMax(progress.totalRows())
				.setStyle(ProgressBarStyle.ASCII)
				.setUpdateIntervalMillis(250)
				.showSpeed()
				.setSpeedUnit(ChronoUnit.SECONDS)
				.setEtaFunction(state -> Optional.ofNullable(eta))
				.startsFrom(progress.rowsDone(), Duration.ZERO)
				.build();
			bar = current;
		}
		eta = progress.eta();
		current.stepTo(progress.rowsDone());
		current.setExtraMessage(String.format("GLM %d/%d in flight, %,d tokens, %s, %d x 429", progress.inFlight(),
				progress.limit(), progress.tokens(), progress.costText(), progress.throttled()));
		if (progress.finished()) {
			current.close();
			bar = null;
		}
	}

}
