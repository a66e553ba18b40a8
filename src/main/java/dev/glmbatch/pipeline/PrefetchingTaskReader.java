package dev.glmbatch.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

import dev.glmbatch.input.RestartableRowReader;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.Budget;
import dev.glmbatch.llm.FatalLlmException;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.task.ContentTask;
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

	private final RestartableRowReader rows;

	private final CallLedger ledger;

	private final LlmClient client;

	private final Function<LlmClient, ContentTask> taskFactory;

	private final int concurrency;

	private final String threadPrefix;

	private final Budget budget;

	private final RunMeter meter;

	private @Nullable StepExecution stepExecution;

	private final Deque<Future<TaskResult>> window = new ArrayDeque<>();

	private long jobInstanceId = -1;

	private long returned;

	private boolean exhausted;

	private @Nullable ContentTask task;

	private @Nullable ExecutorService workers;

	private final LongUnaryOperator stagedRows;

	PrefetchingTaskReader(RestartableRowReader rows, CallLedger ledger, LlmClient client,
			Function<LlmClient, ContentTask> taskFactory, int concurrency, String threadPrefix, Budget budget,
			RunMeter meter, LongUnaryOperator stagedRows) {
		this.stagedRows = stagedRows;
		this.rows = rows;
		this.ledger = ledger;
		this.client = client;
		this.taskFactory = taskFactory;
		this.concurrency = concurrency;
		this.threadPrefix = threadPrefix;
		this.budget = budget;
		this.meter = meter;
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
		CallLedger.LedgerTotals spent = ledger.totals(jobInstanceId);
		SpendingGuard guard = new SpendingGuard(budget, spent.answers(), spent.costUsd(), spent.tokens());
		task = taskFactory.apply(new LedgerLlmClient(ledger, jobInstanceId, client, guard, meter));
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
		Future<TaskResult> head = window.pollFirst();
		if (head == null) {
			return null;
		}
		try {
			TaskResult result = head.get();
			returned++;
			return result;
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
			if (cause instanceof Exception exception) {
				throw exception;
			}
			throw ex;
		}
	}

	/**
	 * Ends the chunk before the row that could not be processed now (budget or quota reached); the step then stops,
	 * as on a stop request, restartable, and the reason is kept for the run's report.
	 */
	private void stopBefore(String reason, RuntimeException cause) {
		StepExecution step = stepExecution;
		if (step == null) {
			throw cause;
		}
		exhausted = true;
		window.forEach(future -> future.cancel(false));
		window.clear();
		step.getJobExecution().getExecutionContext().putString(JobAssembler.STOP_REASON_KEY, reason);
		step.setTerminateOnly();
	}

	private void fillWindow() throws Exception {
		ContentTask bound = task;
		ExecutorService pool = workers;
		if (bound == null || pool == null) {
			throw new IllegalStateException("the reader is not open");
		}
		while (!exhausted && window.size() < concurrency * WINDOW_PER_THREAD) {
			SourceRow row = rows.read();
			if (row == null) {
				exhausted = true;
			}
			else {
				window.addLast(pool.submit(() -> bound.perform(row)));
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
			window.forEach(future -> future.cancel(false));
			window.clear();
			pool.shutdown();
			try {
				pool.awaitTermination(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (CancellationException ex) {
				// nothing to wait for
			}
			workers = null;
		}
		rows.close();
	}

}
