package dev.glmbatch.pipeline;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.glmbatch.task.RowStatus;
import dev.glmbatch.task.TaskResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/** Logs a progress line at most every few seconds while rows are processed, and one at the end of the step. */
final class ProgressListener implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(ProgressListener.class);

	private static final long INTERVAL_NANOS = 2_000_000_000L;

	private final long totalRows;

	private final AtomicLong done = new AtomicLong();

	private final AtomicLong rejected = new AtomicLong();

	private volatile long startNanos;

	private volatile long lastLogNanos;

	private volatile long alreadyDone;

	ProgressListener(long totalRows) {
		this.totalRows = totalRows;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		startNanos = System.nanoTime();
		lastLogNanos = startNanos;
		// the JSON execution context gives small numbers back as Integer
		Object count = stepExecution.getExecutionContext().get(PrefetchingTaskReader.RETURNED_KEY);
		alreadyDone = count instanceof Number number ? number.longValue() : 0L;
	}

	/** Called by the writer with each chunk it stages. */
	void staged(List<? extends TaskResult> results) {
		for (TaskResult result : results) {
			(result.status() == RowStatus.DONE ? done : rejected).incrementAndGet();
		}
		long now = System.nanoTime();
		if (now - lastLogNanos >= INTERVAL_NANOS) {
			lastLogNanos = now;
			logProgress(now);
		}
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		logProgress(System.nanoTime());
		return null;
	}

	private void logProgress(long now) {
		long processed = done.get() + rejected.get();
		double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
		log.info("Rows {}/{} ({} done, {} rejected this session) at {} rows/s", alreadyDone + processed, totalRows,
				done.get(), rejected.get(), String.format("%.1f", processed / seconds));
	}

}
