package dev.glmbatch.pipeline;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.Budget;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.TransientLlmException;
import dev.glmbatch.task.ContentTask;
import dev.glmbatch.task.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a row's task runs on a {@link ReadAhead} thread during one execution of the process
 * step: through the call ledger, under the job's budget less what earlier executions
 * spent, with the row's calls noted for the {@link FirstRowsBreaker}.
 * <p>
 * A row whose call used up its retries on transient faults goes back to the queue and
 * runs again later with a fresh retry budget, unless {@link TransientFailures} finds that
 * the faults persist: then it ends with a {@link PersistentFailureException}. A call that
 * may still be billed ({@link TransientLlmException#mayBeBilled()}) is never sent anew,
 * and nothing is sent anew once the run is stopping. Thread-safe: the pool's threads
 * share it.
 */
final class RowWork implements ReadAhead.Work<SourceRow, RowWork.Outcome>, ReadAhead.Requeue<SourceRow> {

	private static final Logger log = LoggerFactory.getLogger(RowWork.class);

	/** Makes the work of one execution of the process step. */
	@FunctionalInterface
	interface Factory {

		RowWork forExecution(long jobInstanceId, BooleanSupplier stopRequested);

	}

	private final LedgerLlmClient calls;

	private final ContentTask task;

	private final TransientFailures failures;

	private final BooleanSupplier stopRequested;

	private RowWork(LedgerLlmClient calls, ContentTask task, TransientFailures failures,
			BooleanSupplier stopRequested) {
		this.calls = calls;
		this.task = task;
		this.failures = failures;
		this.stopRequested = stopRequested;
	}

	/**
	 * Binds the task to the job instance's call ledger and to what its earlier executions
	 * spent.
	 * @param taskFactory the task, given the client that goes through the ledger
	 * @param reuseEarlierRuns whether answers other runs paid for are taken instead of
	 * paying again
	 * @param persistentFailure how long GLM may answer no call before the faults count as
	 * persistent
	 * @param stopRequested whether the run was asked to stop
	 */
	static RowWork forExecution(CallLedger ledger, long jobInstanceId, LlmClient client,
			Function<LlmClient, ContentTask> taskFactory, Budget budget, boolean reuseEarlierRuns, RunMeter meter,
			Duration persistentFailure, BooleanSupplier stopRequested) {
		TransientFailures failures = new TransientFailures(persistentFailure, System::nanoTime);
		CallLedger.LedgerTotals spent = ledger.totals(jobInstanceId);
		SpendingGuard guard = new SpendingGuard(budget, spent.answers(), spent.costUsd(), spent.tokens());
		LedgerLlmClient calls = new LedgerLlmClient(ledger, jobInstanceId, reuseEarlierRuns, client, guard, meter,
				failures);
		return new RowWork(calls, taskFactory.apply(calls), failures, stopRequested);
	}

	@Override
	public Outcome perform(SourceRow row) {
		RowCalls rowCalls = calls.beginRow();
		TaskResult result = task.perform(row);
		if (rowCalls.earlierRunCalls() > 0) {
			result = result
				.withStats(result.stats().withEarlierRuns(rowCalls.earlierRunCalls(), rowCalls.earlierRunCostUsd()));
		}
		return new Outcome(result, rowCalls);
	}

	@Override
	public Duration delay(SourceRow row, Exception failure, int requeues) throws Exception {
		if (!(failure instanceof TransientLlmException transientFault) || transientFault.mayBeBilled()
				|| stopRequested.getAsBoolean()) {
			throw failure;
		}
		Duration delay = failures.requeueDelay(requeues);
		if (delay == null) {
			throw new PersistentFailureException("GLM calls keep failing: "
					+ failures.persistence(row.rowNumber(), requeues) + ". Last fault: " + failure.getMessage()
					+ ". The run stopped; run the same command to resume once GLM answers again.", failure);
		}
		log.warn(
				"Row {} ran out of retries on transient faults ({}); it goes back to the queue and is tried"
						+ " again in {} s with a fresh retry budget",
				row.rowNumber(), failure.getMessage(), delay.toSeconds());
		return delay;
	}

	/** A row's result with how its calls went. */
	record Outcome(TaskResult result, RowCalls calls) {
	}

	/**
	 * Transient faults outlasted the retries of one row too often, or GLM answered
	 * nothing for too long.
	 */
	static final class PersistentFailureException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		PersistentFailureException(String message, Throwable cause) {
			super(message, cause, false, false);
		}

		/** Never null: the one constructor takes a message. */
		@Override
		public String getMessage() {
			return Objects.requireNonNull(super.getMessage());
		}

	}

}
