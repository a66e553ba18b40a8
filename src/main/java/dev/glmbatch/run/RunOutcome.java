package dev.glmbatch.run;

import java.nio.file.Path;
import java.time.Duration;

import dev.glmbatch.progress.BatchTotals;
import dev.glmbatch.progress.RunTotals;
import org.jspecify.annotations.Nullable;

/**
 * How a run ended, for the command line and the report.
 *
 * @param runId the run (job instance) id, used by {@code restart}, {@code status} and
 * {@code stop}
 * @param executionId the execution that just ended (a run has one per start or resume)
 * @param jobName the job's name
 * @param status how the execution ended: {@link RunStatus#COMPLETED},
 * {@link RunStatus#STOPPED}, {@link RunStatus#FAILED}, or
 * {@link RunStatus#ALREADY_COMPLETED} when nothing ran
 * @param resumed whether this execution resumed earlier work
 * @param outputPath the output file
 * @param rejectPath the reject file
 * @param totals committed totals over every execution of the run
 * @param rowsThisExecution rows processed by this execution
 * @param elapsed wall time of this execution
 * @param failure why the run failed or stopped, or {@code null}
 * @param interrupted whether the run stopped because its process was stopping
 * ({@link ActiveRuns#stopActive()}), rather than on a stop request for this run or by its
 * budget: such a run is meant to go on when the process starts again
 * @param session what this execution measured about its GLM calls
 * @param reportFile the JSON report written for this execution, or {@code null} when none
 * was
 * @param batches what the run's batches brought (answers at the batch rate, not in
 * {@code totals}' cost), over every execution; {@link BatchTotals#NONE} for a run without
 * any
 */
public record RunOutcome(long runId, long executionId, String jobName, RunStatus status, boolean resumed,
		Path outputPath, Path rejectPath, RunTotals totals, long rowsThisExecution, Duration elapsed,
		@Nullable String failure, boolean interrupted, SessionFigures session, @Nullable Path reportFile,
		BatchTotals batches) {

	/** An outcome of a run without batches. */
	public RunOutcome(long runId, long executionId, String jobName, RunStatus status, boolean resumed, Path outputPath,
			Path rejectPath, RunTotals totals, long rowsThisExecution, Duration elapsed, @Nullable String failure,
			boolean interrupted, SessionFigures session, @Nullable Path reportFile) {
		this(runId, executionId, jobName, status, resumed, outputPath, rejectPath, totals, rowsThisExecution, elapsed,
				failure, interrupted, session, reportFile, BatchTotals.NONE);
	}

	/** This outcome, naming the report file written from it. */
	RunOutcome withReportFile(Path report) {
		return new RunOutcome(runId, executionId, jobName, status, resumed, outputPath, rejectPath, totals,
				rowsThisExecution, elapsed, failure, interrupted, session, report, batches);
	}

	public double rowsPerSecond() {
		double seconds = elapsed.toNanos() / 1e9;
		return seconds <= 0 ? 0 : rowsThisExecution / seconds;
	}

	/** The committed totals, as a value of this package. */
	public RunFigures figures() {
		return RunFigures.of(totals);
	}

}
