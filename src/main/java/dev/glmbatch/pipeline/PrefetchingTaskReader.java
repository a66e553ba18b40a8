package dev.glmbatch.pipeline;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

import dev.glmbatch.input.RestartableRowReader;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.Budget;
import dev.glmbatch.llm.FatalLlmException;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.TransientLlmException;
import dev.glmbatch.task.ContentTask;
import dev.glmbatch.task.TaskResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads rows and returns their finished {@link TaskResult}s in row order, while the tasks of the rows ahead already
 * run on a pool of {@code concurrency} threads. GLM calls therefore stay in flight across chunk boundaries: a slow
 * row holds back the commit of its chunk, not the calls of the next rows (Spring Batch's chunk executor would wait
 * for the slowest item of every chunk).
 *
 * <p>Restart: the checkpoint is the number of results returned ({@code taskReader.returned}), not the number of rows
 * read ahead. On restart the input is re-read from the start and that many rows are skipped; the tasks of rows that
 * were in flight at a crash run again, and find in the call ledger every answer that arrived before it. Not
 * thread-safe: the step thread calls it.
 *
 * <p>Budget and quota: when a row's task is refused a call by the {@link SpendingGuard}, or GLM answers that a usage
 * quota of the account is reached ({@link FatalLlmException#resetsByItself()}), the reader ends the chunk before that
 * row and asks the step to stop; the step ends STOPPED with the rows before it committed, and the reason is left in
 * the job execution context under {@link JobAssembler#STOP_REASON_KEY}.
 *
 * <p>Transient faults: a row whose call used up its retries goes back to the queue and runs again later with a fresh
 * retry budget, unless {@link TransientFailures} finds that the faults persist; then the step stops the same way,
 * saying so. A call that may still be billed ({@link TransientLlmException#mayBeBilled()}) is never sent anew: it
 * fails the run, as before.
 *
 * <p>A stop request (Ctrl-C, {@code stop ID}) that comes while the step waits for a row ends the chunk at once,
 * before that row: a row whose call is backing off does not hold the stop up, nor turn it into a failure.
 *
 * <p>The first rows of a run are held back until the {@link FirstRowsBreaker} has judged them, and only its
 * {@value FirstRowsBreaker#ROWS} rows run meanwhile: when they all fail the same way, the step fails with a
 * {@link ConfigurationProblemException} and none of them is committed as rejected.
 */
final class PrefetchingTaskReader implements ItemStreamReader<TaskResult>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(PrefetchingTaskReader.class);

	static final String RETURNED_KEY = "taskReader.returned";

	/**
	 * Rows read ahead per thread: enough to keep every thread busy while the oldest row is still running. The window
	 * is worth {@code 32 × mean latency} seconds of calls; while a row is slower than that, the threads run dry.
	 * Measured with the bench at 64 in flight and lognormal latency (median 400 ms, p99 2 s): 4 rows a thread
	 * (about 2 s of work) gave 75 % of the ideal rate, because 1 % of rows take longer than 2 s; 32 rows a thread
	 * (about 16 s) leaves no realistic row slow enough to stall it. The rows and pending results held cost little.
	 */
	private static final int WINDOW_PER_THREAD = 32;

	/** How often the step thread, while it waits for a row, looks whether the run was asked to stop. */
	private static final long STOP_POLL_MILLIS = 100;

	private final RestartableRowReader rows;

	private final CallLedger ledger;

	private final LlmClient client;

	private final Function<LlmClient, ContentTask> taskFactory;

	private final int concurrency;

	private final String threadPrefix;

	private final Budget budget;

	private final RunMeter meter;

	private final Duration persistentFailure;

	private @Nullable StepExecution stepExecution;

	private final Deque<PendingRow> window = new ArrayDeque<>();

	private long jobInstanceId = -1;

	private long returned;

	private boolean exhausted;

	private @Nullable ContentTask task;

	private @Nullable LedgerLlmClient ledgered;

	private @Nullable ExecutorService workers;

	private TransientFailures failures;

	private FirstRowsBreaker breaker = new FirstRowsBreaker(false);

	/** Rows at the head of the window the breaker has judged. */
	private int judged;

	private final LongUnaryOperator stagedRows;

	PrefetchingTaskReader(RestartableRowReader rows, CallLedger ledger, LlmClient client,
			Function<LlmClient, ContentTask> taskFactory, int concurrency, String threadPrefix, Budget budget,
			RunMeter meter, LongUnaryOperator stagedRows, Duration persistentFailure) {
		this.stagedRows = stagedRows;
		this.rows = rows;
		this.ledger = ledger;
		this.client = client;
		this.taskFactory = taskFactory;
		this.concurrency = concurrency;
		this.threadPrefix = threadPrefix;
		this.budget = budget;
		this.meter = meter;
		this.persistentFailure = persistentFailure;
		this.failures = new TransientFailures(persistentFailure, System::nanoTime);
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
		this.stepExecution = stepExecution;
	}

	@Override
	public void open(ExecutionContext context) {
		Object saved = context.get(RETURNED_KEY);
		long checkpoint = saved instanceof Number number ? number.longValue() : 0;
		// The staged rows commit in the same transaction as the checkpoint, so their count is the checkpoint. It
		// also covers a kill between Spring Batch saving a new step execution and copying the previous context
		// into it, which leaves an empty context behind.
		returned = stagedRows.applyAsLong(jobInstanceId);
		if (returned != checkpoint) {
			log.warn("Resuming after row {} (rows staged); the step's saved position said {}", returned, checkpoint);
		}
		exhausted = false;
		judged = 0;
		breaker = new FirstRowsBreaker(returned == 0);
		failures = new TransientFailures(persistentFailure, System::nanoTime);
		CallLedger.LedgerTotals spent = ledger.totals(jobInstanceId);
		SpendingGuard guard = new SpendingGuard(budget, spent.answers(), spent.costUsd(), spent.tokens());
		LedgerLlmClient calls = new LedgerLlmClient(ledger, jobInstanceId, client, guard, meter, failures);
		ledgered = calls;
		task = taskFactory.apply(calls);
		AtomicInteger threads = new AtomicInteger();
		workers = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(), runnable -> {
					Thread thread = new Thread(runnable, threadPrefix + threads.incrementAndGet());
					thread.setDaemon(true);
					return thread;
				});
		// the rows' own restart state is not used: the checkpoint counts results, and the input was re-verified
		rows.open(new ExecutionContext());
		for (long skipped = 0; skipped < returned; skipped++) {
			if (skipRow() == null) {
				throw new ItemStreamException("The input has fewer rows than the " + returned
						+ " already processed; it must have changed. Start over with --new.");
			}
		}
	}

	private @Nullable SourceRow skipRow() {
		try {
			return rows.read();
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new ItemStreamException("Cannot re-read the input up to the checkpoint: " + ex.getMessage(), ex);
		}
	}

	@Override
	public @Nullable TaskResult read() throws Exception {
		fillWindow();
		if (breaker.watching() && !judgeFirstRows()) {
			return null;
		}
		PendingRow head = window.peekFirst();
		if (head == null) {
			return null;
		}
		try {
			RowOutcome outcome = await(head);
			if (outcome == null) {
				stopNow();
				return null;
			}
			window.pollFirst();
			if (judged > 0) {
				judged--;
			}
			returned++;
			return outcome.result();
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof BudgetExhaustedException budgetReached) {
				stopBefore("Budget reached: " + budgetReached.getMessage() + ".", budgetReached);
				return null;
			}
			if (cause instanceof FatalLlmException fatal && fatal.resetsByItself()) {
				// nobody has to fix anything: the run waits, stopped, for the quota's reset
				stopBefore(fatal.getMessage() + ". Resume the run once the quota has been reset.", fatal);
				return null;
			}
			if (cause instanceof PersistentFailureException persistent) {
				stopBefore(persistent.getMessage(), persistent);
				return null;
			}
			if (cause instanceof TransientLlmException && stopRequested()) {
				// the call was given up because the run is stopping: a stop, not a failure
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
	 * Waits for the breaker's verdict on the first rows, in row order.
	 * @return {@code false} when the run was asked to stop meanwhile (the step then stops)
	 * @throws ConfigurationProblemException when they all failed the same way
	 */
	private boolean judgeFirstRows() throws Exception {
		while (breaker.watching()) {
			PendingRow next = window.stream().skip(judged).findFirst().orElse(null);
			if (next == null) {
				if (exhausted) {
					breaker.undecidable();
				}
				else {
					fillWindow();
				}
				continue;
			}
			RowOutcome outcome;
			try {
				outcome = await(next);
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
				// not once tripped: the window would grow to its full size, and a worker could send a new row's
				// call before the cancellation below reaches it
				fillWindow();
			}
		}
		if (breaker.state() == FirstRowsBreaker.State.TRIPPED) {
			exhausted = true;
			window.forEach(pending -> pending.result.cancel(false));
			window.clear();
			throw new ConfigurationProblemException(breaker.problem());
		}
		return true;
	}

	/**
	 * Waits for a row's outcome, looking out for a stop request.
	 * @return the outcome, or {@code null} when the run was asked to stop while the row was not finished
	 */
	private @Nullable RowOutcome await(PendingRow pending) throws ExecutionException, InterruptedException {
		while (true) {
			try {
				return pending.result.get(STOP_POLL_MILLIS, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				if (stopRequested()) {
					return null;
				}
			}
		}
	}

	private boolean stopRequested() {
		StepExecution step = stepExecution;
		if (step == null) {
			return false;
		}
		BatchStatus status = step.getJobExecution().getStatus();
		return step.isTerminateOnly() || status == BatchStatus.STOPPING || status == BatchStatus.STOPPED;
	}

	/** Ends the chunk before the row in hand, on a stop request: the step stops, as at a chunk boundary. */
	private void stopNow() {
		StepExecution step = Objects.requireNonNull(stepExecution, "stepExecution");
		exhausted = true;
		window.forEach(pending -> pending.result.cancel(false));
		window.clear();
		step.setTerminateOnly();
	}

	/**
	 * Ends the chunk before the row that could not be processed now (budget or quota reached, persistent faults);
	 * the step then stops, as on a stop request, restartable, and the reason is kept for the run's report.
	 */
	private void stopBefore(String reason, RuntimeException cause) {
		StepExecution step = stepExecution;
		if (step == null) {
			throw cause;
		}
		exhausted = true;
		window.forEach(pending -> pending.result.cancel(false));
		window.clear();
		step.getJobExecution().getExecutionContext().putString(JobAssembler.STOP_REASON_KEY, reason);
		step.setTerminateOnly();
	}

	private void fillWindow() throws Exception {
		ContentTask bound = task;
		LedgerLlmClient calls = ledgered;
		ExecutorService pool = workers;
		if (bound == null || calls == null || pool == null) {
			throw new IllegalStateException("the reader is not open");
		}
		// while the breaker watches, only the rows it judges run: a job-wide refusal costs a few calls, not hundreds
		int size = breaker.watching() ? breaker.rowsToRun() : concurrency * WINDOW_PER_THREAD;
		while (!exhausted && window.size() < size) {
			SourceRow row = rows.read();
			if (row == null) {
				exhausted = true;
			}
			else {
				PendingRow pending = new PendingRow(row, bound, calls, pool);
				window.addLast(pending);
				pool.execute(pending::attempt);
			}
		}
	}

	@Override
	public void update(ExecutionContext context) {
		context.put(RETURNED_KEY, returned);
	}

	@Override
	public void close() {
		ExecutorService pool = workers;
		if (pool != null) {
			// rows read ahead but not returned are not lost: the checkpoint does not count them
			window.forEach(pending -> pending.result.cancel(false));
			window.clear();
			pool.shutdown();
			try {
				pool.awaitTermination(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			workers = null;
		}
		rows.close();
	}

	/** A row's result with how its calls went. */
	private record RowOutcome(TaskResult result, RowCalls calls) {
	}

	/** Transient faults outlasted the retries of one row too often, or GLM answered nothing for too long. */
	private static final class PersistentFailureException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		PersistentFailureException(String message, Throwable cause) {
			super(message, cause, false, false);
		}

		/** Never null: every constructor takes a message. */
		@Override
		public String getMessage() {
			return Objects.requireNonNull(super.getMessage());
		}

	}

	/**
	 * A row in the window: its task runs on the pool and, when a call runs out of retries on transient faults, goes
	 * back to the pool's queue after a delay, until {@link TransientFailures} finds the faults persistent.
	 */
	private final class PendingRow {

		private final SourceRow row;

		private final ContentTask task;

		private final LedgerLlmClient calls;

		private final ExecutorService pool;

		private final CompletableFuture<RowOutcome> result = new CompletableFuture<>();

		private int requeues;

		PendingRow(SourceRow row, ContentTask task, LedgerLlmClient calls, ExecutorService pool) {
			this.row = row;
			this.task = task;
			this.calls = calls;
			this.pool = pool;
		}

		void attempt() {
			if (result.isDone()) {
				// cancelled: the run is stopping
				return;
			}
			RowCalls rowCalls = calls.beginRow();
			try {
				result.complete(new RowOutcome(task.perform(row), rowCalls));
			}
			catch (TransientLlmException ex) {
				retryLater(ex);
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		}

		private void retryLater(TransientLlmException ex) {
			Duration delay = (ex.mayBeBilled() || stopRequested()) ? null : failures.requeueDelay(requeues);
			if (delay == null) {
				result.completeExceptionally(ex.mayBeBilled() || stopRequested() ? ex
						: new PersistentFailureException("GLM calls keep failing: "
								+ failures.persistence(row.rowNumber(), requeues) + ". Last fault: " + ex.getMessage()
								+ ". The run stopped; run the same command to resume once GLM answers again.", ex));
				return;
			}
			requeues++;
			log.warn("Row {} ran out of retries on transient faults ({}); it goes back to the queue and is tried"
					+ " again in {} s with a fresh retry budget", row.rowNumber(), ex.getMessage(), delay.toSeconds());
			Executor later = CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, command -> {
				try {
					pool.execute(command);
				}
				catch (RejectedExecutionException rejected) {
					// the reader closed meanwhile: the row was not returned, so a resume runs it
					result.cancel(false);
				}
			});
			later.execute(this::attempt);
		}

	}

}
