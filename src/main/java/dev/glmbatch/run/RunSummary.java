package dev.glmbatch.run;

import java.time.LocalDateTime;

import dev.glmbatch.progress.RunTotals;
import org.jspecify.annotations.Nullable;

/**
 * A run as {@code list} and {@code status} show it.
 *
 * @param runId the job instance id
 * @param jobName the job's name
 * @param status the status of its latest execution
 * @param executions how many times it was started or resumed
 * @param input the input file
 * @param output the output file
 * @param inputRows the input's data rows, counted when the run started; {@code null} for
 * a run started by a version that did not record it
 * @param firstStartedAt when its first execution started (the run's start)
 * @param startedAt when its latest execution started: the last resume, when it has been
 * resumed
 * @param endedAt when its latest execution ended, or {@code null} while running
 * @param totals committed rows, calls, tokens and cost
 * @param exitDescription why the latest execution failed or stopped, in one line, if it
 * did
 * @param resumeCommand how to resume it, kept when it failed or stopped; {@code null}
 * otherwise
 */
public record RunSummary(long runId, String jobName, RunStatus status, int executions, String input, String output,
		@Nullable Long inputRows, @Nullable LocalDateTime firstStartedAt, @Nullable LocalDateTime startedAt,
		@Nullable LocalDateTime endedAt, RunTotals totals, @Nullable String exitDescription,
		@Nullable String resumeCommand) {

	/** The committed totals, as a value of this package. */
	public RunFigures figures() {
		return RunFigures.of(totals);
	}

}
