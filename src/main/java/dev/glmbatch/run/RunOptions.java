package dev.glmbatch.run;

import java.util.Objects;

import dev.glmbatch.pipeline.ProgressDisplay;

/**
 * How {@code run} treats earlier runs of the same job and input, and how it shows its progress.
 *
 * @param forceNew start a fresh run even when an unfinished one exists (its paid answers are not re-used)
 * @param progress where progress goes while rows are processed
 * @param passThrough answer every GLM request locally with its own text, without any call: only to measure the
 * pipeline's own overhead (the {@code bench} command)
 */
public record RunOptions(boolean forceNew, ProgressDisplay progress, boolean passThrough) {

	public static final RunOptions RESUME_OR_START = new RunOptions(false);

	public RunOptions {
		Objects.requireNonNull(progress, "progress");
	}

	public RunOptions(boolean forceNew) {
		this(forceNew, ProgressDisplay.logLines(), false);
	}

	public RunOptions withProgress(ProgressDisplay newProgress) {
		return new RunOptions(forceNew, newProgress, passThrough);
	}

	public RunOptions withPassThrough(boolean newPassThrough) {
		return new RunOptions(forceNew, progress, newPassThrough);
	}

}
