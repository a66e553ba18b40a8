package dev.glmbatch.pipeline;

import java.util.Optional;

import dev.glmbatch.input.SourceRow;
import dev.glmbatch.pipeline.ResultStaging.StagedRow;
import dev.glmbatch.task.CallStats;
import dev.glmbatch.task.ContentTask;
import dev.glmbatch.task.RowStatus;
import dev.glmbatch.task.TaskResult;

/**
 * The task of a retry run: a row the earlier run accepted keeps its staged results, with
 * no call; a row it rejected (or never staged) runs the job's task again.
 * <p>
 * Why every row goes through the process step, the kept ones included: the retry run's
 * staging table then holds all rows in input order, as every run's does, so that it
 * resumes after its staged rows like any run and its export writes the whole output. A
 * kept row is staged with no calls: what it cost stays with the run that paid for it.
 * Thread-safe: the staging table is read with a query of its own per row.
 *
 * @param staging the staging table of both runs
 * @param earlierRun the run (job instance) whose rejected rows are retried
 * @param task the job's task, through this run's call ledger
 */
record RetriedRows(ResultStaging staging, long earlierRun, ContentTask task) implements ContentTask {

	@Override
	public TaskResult perform(SourceRow row) {
		Optional<StagedRow> earlier = staging.find(earlierRun, row.rowNumber());
		if (earlier.isPresent() && earlier.get().status() == RowStatus.DONE) {
			return TaskResult.done(row, earlier.get().outputs(), CallStats.NONE);
		}
		return task.perform(row);
	}

}
