package dev.glmbatch.pipeline;

import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;

import dev.glmbatch.input.RowSource;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.llm.FatalLlmException;
import dev.glmbatch.llm.TransientLlmException;
import dev.glmbatch.pipeline.RowWork.Outcome;
import dev.glmbatch.pipeline.RowWork.PersistentFailureException;
import dev.glmbatch.task.TaskResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * The process step's reader: returns the rows' finished {@link TaskResult}s in row order
 * from a {@link ReadAhead} window, whose pool of {@code concurrency} threads runs the
 * tasks of the rows ahead (why: see the package documentation).
 *
 * <p>
 * Restart: the rows already in the staging table are the run's position. They commit in
 * the same transaction as the chunk, so their count is exact after any crash, whatever
 * the step's execution context says (a kill between Spring Batch saving a new step
 * execution and copying the previous context into it leaves an empty one). On open the
 * input is read again from its first row and that many rows are passed over; the tasks of
 * rows that were in flight at a crash run again, and find in the call ledger every answer
 * that arrived before it. Not thread-safe: the step thread calls it.
 *
 * <p>
 * Budget and quota: when a row's task is refused a call by the {@link SpendingGuard}, or
 * GLM answers that a usage quota of the account is reached
 * ({@link FatalLlmException#resetsByItself()}), the reader ends the chunk before that row
 * and asks the step to stop; the step ends STOPPED with the rows before it committed, and
 * the reason is left in the job execution context under
 * {@link JobAssembler#STOP_REASON_KEY}.
 *
 * <p>
 * Transient faults: a row whose call used up its retries goes back to the queue
 * ({@link RowWork}); when the faults persist, the step stops the same way, saying so. A
 * call that may still be billed ({@link TransientLlmException#mayBeBilled()}) is never
 * sent anew: it fails the run.
 *
 * <p>
 * A stop request (Ctrl-C, {@code stop ID}) that comes while the step waits for a row ends
 * the chunk at once, before that row: a row whose call is backing off does not hold the
 * stop up, nor turn it into a failure.
 *
 * <p>
 * The first rows of a run are held back until the {@link FirstRowsBreaker} has judged
 * them, and only its {@value FirstRowsBreaker#ROWS} rows run meanwhile: when they all
 * fail the same way, the step fails with a {@link ConfigurationProblemException} and none
 * of them is committed as rejected.
 */
final class PrefetchingTaskReader implements ItemStreamReader<TaskResult>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(PrefetchingTaskReader.class);

	/**
	 * Rows read ahead per thread: enough to keep every thread busy while the oldest row
	 * is still running. The window is worth {@code 32 × mean latency} seconds of calls;
	 * while a row is slower than that, the threads run dry. Measured with the bench at 64
	 * in flight and lognormal latency (median 400 ms, p99 2 s): 4 rows a thread (about 2
	 * s of work) gave 75 % of the ideal rate, because 1 % of rows take longer than 2 s;
	 * 32 rows a thread (about 16 s) leaves no realistic row slow enough to stall it. The
	 * rows and pending results held cost little.
	 */
	private static final int WINDOW_PER_THREAD = 32;

	private final LongFunction<RowSource> rowsOf;

	private @Nullable RowSource rows;

	private final RowWork.Factory work;

	private final int concurrency;

	private final String threadPrefix;

	private final LongUnaryOperator stagedRows;

	private @Nullable StepExecution stepExecution;

	private long jobInstanceId = -1;

	private @Nullable ReadAhead<SourceRow, Outcome> window;

	private FirstRowsBreaker breaker = new FirstRowsBreaker(false);

	/** Rows at the head of the window the breaker has judged. */
	private int judged;

	/**
	 * @param rowsOf the rows of a job instance, in row order
	 * @param work how the rows' tasks run, bound to a job instance
	 * @param concurrency the threads that run the rows' tasks
	 * @param threadPrefix the names of those threads, before their number
	 * @param stagedRows the rows a job instance has in the staging table
	 */
	PrefetchingTaskReader(LongFunction<RowSource> rowsOf, RowWork.Factory work, int concurrency, String threadPrefix,
			LongUnaryOperator stagedRows) {
		this.rowsOf = rowsOf;
		this.work = work;
		this.concurrency = concurrency;
		this.threadPrefix = threadPrefix;
		this.stagedRows = stagedRows;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
		this.stepExecution = stepExecution;
	}

	@Override
	public void open(ExecutionContext context) {
		long done = stagedRows.applyAsLong(jobInstanceId);
		judged = 0;
		breaker = new FirstRowsBreaker(done == 0);
		RowWork rowWork = work.forExecution(jobInstanceId, this::stopRequested);
		RowSource source = rowsOf.apply(jobInstanceId);
		rows = source;
		source.open();
		ReadAhead<SourceRow, Outcome> ahead = new ReadAhead<>(source::read, rowWork, rowWork, concurrency, threadPrefix,
				this::stopRequested);
		window = ahead;
		if (done > 0) {
			log.debug("Resuming after the {} rows already staged", done);
		}
		long skipped;
		try {
			skipped = ahead.skip(done);
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new ItemStreamException("Cannot re-read the input up to the checkpoint: " + ex.getMessage(), ex);
		}
		if (skipped < done) {
			throw new ItemStreamException("The input has fewer rows than the " + done
					+ " already processed; it must have changed. Start over with --new.");
		}
	}

	@Override
	public @Nullable TaskResult read() throws Exception {
		ReadAhead<SourceRow, Outcome> ahead = opened();
		ahead.fill(windowSize());
		if (breaker.watching() && !judgeFirstRows(ahead)) {
			return null;
		}
		if (ahead.pending() == 0) {
			return null;
		}
		try {
			Outcome outcome = ahead.next();
			if (outcome == null) {
				stopNow();
				return null;
			}
			if (judged > 0) {
				judged--;
			}
			return outcome.result();
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof BudgetExhaustedException budgetReached) {
				stopBefore("Budget reached: " + budgetReached.getMessage() + ".", budgetReached);
				return null;
			}
			if (cause instanceof FatalLlmException fatal && fatal.resetsByItself()) {
				// nobody has to fix anything: the run waits, stopped, for the quota's
				// reset
				stopBefore(fatal.getMessage() + ". Resume the run once the quota has been reset.", fatal);
				return null;
			}
			if (cause instanceof PersistentFailureException persistent) {
				stopBefore(persistent.getMessage(), persistent);
				return null;
			}
			if (cause instanceof TransientLlmException && stopRequested()) {
				// the call was given up because the run is stopping: a stop, not a
				// failure
				stopNow();
				return null;
			}
			if (cause instanceof Exception exception) {
				throw exception;
			}
			throw ex;
		}
	}

	/**
	 * While the breaker watches, only the rows it judges run: a job-wide refusal costs a
	 * few calls, not hundreds.
	 */
	private int windowSize() {
		return breaker.watching() ? breaker.rowsToRun() : concurrency * WINDOW_PER_THREAD;
	}

	/**
	 * Waits for the breaker's verdict on the first rows, in row order.
	 * @return {@code false} when the run was asked to stop meanwhile (the step then
	 * stops)
	 * @throws ConfigurationProblemException when they all failed the same way
	 */
	private boolean judgeFirstRows(ReadAhead<SourceRow, Outcome> ahead) throws Exception {
		while (breaker.watching()) {
			if (judged >= ahead.pending()) {
				if (ahead.exhausted()) {
					breaker.undecidable();
				}
				else {
					ahead.fill(windowSize());
				}
				continue;
			}
			Outcome outcome;
			try {
				outcome = ahead.await(judged);
			}
			catch (ExecutionException ex) {
				// a fault of the run, not of the row: read() meets it in row order
				breaker.undecidable();
				break;
			}
			if (outcome == null) {
				stopNow();
				return false;
			}
			judged++;
			breaker.observe(outcome.result(), outcome.calls());
			if (breaker.state() != FirstRowsBreaker.State.TRIPPED) {
				// not once tripped: the window would grow to its full size, and a worker
				// could send a new row's
				// call before the cancellation below reaches it
				ahead.fill(windowSize());
			}
		}
		if (breaker.state() == FirstRowsBreaker.State.TRIPPED) {
			ahead.cancel();
			throw new ConfigurationProblemException(breaker.problem());
		}
		return true;
	}

	private boolean stopRequested() {
		StepExecution step = stepExecution;
		if (step == null) {
			return false;
		}
		return StopRequests.requested(step);
	}

	/**
	 * Ends the chunk before the row in hand, on a stop request: the step stops, as at a
	 * chunk boundary.
	 */
	private void stopNow() {
		StepExecution step = Objects.requireNonNull(stepExecution, "stepExecution");
		opened().cancel();
		step.setTerminateOnly();
	}

	/**
	 * Ends the chunk before the row that could not be processed now (budget or quota
	 * reached, persistent faults); the step then stops, as on a stop request,
	 * restartable, and the reason is kept for the run's report.
	 */
	private void stopBefore(String reason, RuntimeException cause) {
		StepExecution step = stepExecution;
		if (step == null) {
			throw cause;
		}
		opened().cancel();
		step.getJobExecution().getExecutionContext().putString(JobAssembler.STOP_REASON_KEY, reason);
		step.setTerminateOnly();
	}

	private ReadAhead<SourceRow, Outcome> opened() {
		ReadAhead<SourceRow, Outcome> ahead = window;
		if (ahead == null) {
			throw new IllegalStateException("the reader is not open");
		}
		return ahead;
	}

	@Override
	public void close() {
		ReadAhead<SourceRow, Outcome> ahead = window;
		if (ahead != null) {
			// rows read ahead but not returned are not lost: they are not staged, so a
			// resume runs them
			ahead.close();
			window = null;
		}
		RowSource source = rows;
		if (source != null) {
			source.close();
			rows = null;
		}
	}

}
