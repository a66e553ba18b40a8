package dev.glmbatch.run;

import java.util.Objects;
import java.util.function.LongFunction;

import dev.glmbatch.progress.ProgressDisplay;
import org.jspecify.annotations.Nullable;

/**
 * How {@code run} treats earlier runs of the same job and input, and how it shows its
 * progress: the one request value that {@link RunOperator#start} and
 * {@link RunOperator#restart} take, so that a new need is a new component here rather
 * than another overload there.
 *
 * @param forceNew start a fresh run even when an unfinished one exists (answers paid
 * before are re-used unless the job forces fresh ones)
 * @param progress where progress goes while rows are processed
 * @param passThrough answer every GLM request locally with its own text, without any
 * call: only to measure the pipeline's own overhead (the {@code bench} command)
 * @param settings the endpoint and limits the run is given, kept with the run for
 * {@code restart}; on a resume, they replace those kept, field by field
 * ({@link RunSettings#overriddenBy})
 * @param resumeCommand how a person resumes the run with this id, kept with a failed or
 * stopped run and shown by {@code status}, {@code list} and the API; {@code null} for
 * none
 * @param partitions the partitions of rows workers process when the run is distributed
 * ({@code run --distributed}); 0 to keep the run as it started (a new run then runs in
 * this process)
 */
public record RunOptions(boolean forceNew, ProgressDisplay progress, boolean passThrough, RunSettings settings,
		LongFunction<@Nullable String> resumeCommand, int partitions) {

	public static final RunOptions RESUME_OR_START = new RunOptions(false);

	public RunOptions {
		Objects.requireNonNull(progress, "progress");
		Objects.requireNonNull(settings, "settings");
		Objects.requireNonNull(resumeCommand, "resumeCommand");
		if (partitions < 0) {
			throw new IllegalArgumentException("partitions must be >= 0, was " + partitions);
		}
	}

	public RunOptions(boolean forceNew) {
		this(forceNew, ProgressDisplay.logLines(), false, RunSettings.NONE, runId -> null, 0);
	}

	public RunOptions withProgress(ProgressDisplay newProgress) {
		return new RunOptions(forceNew, newProgress, passThrough, settings, resumeCommand, partitions);
	}

	public RunOptions withPassThrough(boolean newPassThrough) {
		return new RunOptions(forceNew, progress, newPassThrough, settings, resumeCommand, partitions);
	}

	public RunOptions withSettings(RunSettings newSettings) {
		return new RunOptions(forceNew, progress, passThrough, newSettings, resumeCommand, partitions);
	}

	public RunOptions withResumeCommand(LongFunction<@Nullable String> newResumeCommand) {
		return new RunOptions(forceNew, progress, passThrough, settings, newResumeCommand, partitions);
	}

	public RunOptions withForceNew(boolean newForceNew) {
		return new RunOptions(newForceNew, progress, passThrough, settings, resumeCommand, partitions);
	}

	public RunOptions withPartitions(int newPartitions) {
		return new RunOptions(forceNew, progress, passThrough, settings, resumeCommand, newPartitions);
	}

}
