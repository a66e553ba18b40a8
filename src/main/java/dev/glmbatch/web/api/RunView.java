package dev.glmbatch.web.api;

import java.time.LocalDateTime;

import dev.glmbatch.run.RunFigures;
import dev.glmbatch.run.RunSummary;
import org.jspecify.annotations.Nullable;

/**
 * A run as {@code GET /api/runs} shows it: status and progress.
 *
 * @param runId the run id
 * @param job the job name
 * @param status the Spring Batch status of its latest execution (STARTED, COMPLETED,
 * FAILED, STOPPED, ...)
 * @param executions how many times it was started or resumed
 * @param input the input file
 * @param output the output file
 * @param inputRows the input's data rows, the total that {@code totals.rows} reaches when
 * the run completes; {@code null} for a run started by a version that did not record it
 * @param firstStartedAt when the run started (its first execution)
 * @param startedAt when its latest execution started: the last resume, when it has been
 * resumed
 * @param endedAt when its latest execution ended, {@code null} while running
 * @param totals committed rows, calls, tokens and cost
 * @param problem why it failed or stopped, or {@code null}
 * @param resumeCommand how to resume it when it failed or stopped, as kept with the run
 * (a command line for a run started by {@code run}, the API call for one started by the
 * service), or {@code null}
 */
record RunView(long runId, String job, String status, int executions, String input, String output,
		@Nullable Long inputRows, @Nullable LocalDateTime firstStartedAt, @Nullable LocalDateTime startedAt,
		@Nullable LocalDateTime endedAt, RunFigures totals, @Nullable String problem, @Nullable String resumeCommand) {

	static RunView of(RunSummary run) {
		return new RunView(run.runId(), run.jobName(), run.status().name(), run.executions(), run.input(), run.output(),
				run.inputRows(), run.firstStartedAt(), run.startedAt(), run.endedAt(), run.figures(),
				run.exitDescription(), run.resumeCommand());
	}

}
