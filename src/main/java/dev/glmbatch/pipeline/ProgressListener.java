package dev.glmbatch.pipeline;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.glmbatch.llm.LlmTraffic;
import dev.glmbatch.llm.TrafficSnapshot;
import dev.glmbatch.progress.Progress;
import dev.glmbatch.progress.ProgressDisplay;
import dev.glmbatch.progress.RunTotals;
import dev.glmbatch.task.TaskResult;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Feeds a {@link ProgressDisplay} after each committed chunk, every two seconds while the
 * step runs, and at the end of the step: rows, rate, ETA, the GLM client's in-flight
 * count and limit, tokens and cost of the committed rows, and 429s.
 */
final class ProgressListener implements StepExecutionListener {

	/** How long the end of a step waits for a beat under way. */
	private static final Duration BEAT_END = Duration.ofSeconds(5);

	/** The beat of {@link ProgressDisplay#tick}. */
	private static final Duration BEAT = Duration.ofSeconds(2);

	private final long totalRows;

	private final ResultStaging staging;

	private final LlmTraffic traffic;

	private final String model;

	private final ProgressDisplay display;

	private final AtomicLong processed = new AtomicLong();

	private final AtomicLong tokens = new AtomicLong();

	private volatile BigDecimal costUsd = BigDecimal.ZERO;

	// a model without a price answered some committed row: the cost is unknown; guarded
	// by this
	private boolean unpriced;

	private volatile long startNanos;

	private volatile long alreadyDone;

	private volatile TrafficSnapshot trafficAtStart = TrafficSnapshot.EMPTY;

	private volatile @Nullable ScheduledExecutorService beat;

	/**
	 * Whether the rows are staged by other processes (the workers of a distributed run's
	 * manager), so that progress is read from the staging table at every beat.
	 */
	private final boolean stagedElsewhere;

	private volatile long jobInstanceId;

	ProgressListener(long totalRows, ResultStaging staging, LlmTraffic traffic, String model, ProgressDisplay display) {
		this(totalRows, staging, traffic, model, display, false);
	}

	/**
	 * The progress of a step whose rows other processes stage: a distributed run's
	 * manager step.
	 */
	static ProgressListener ofStaging(long totalRows, ResultStaging staging, LlmTraffic traffic, String model,
			ProgressDisplay display) {
		return new ProgressListener(totalRows, staging, traffic, model, display, true);
	}

	private ProgressListener(long totalRows, ResultStaging staging, LlmTraffic traffic, String model,
			ProgressDisplay display, boolean stagedElsewhere) {
		this.stagedElsewhere = stagedElsewhere;
		this.totalRows = totalRows;
		this.staging = staging;
		this.traffic = traffic;
		this.model = model;
		this.display = display;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		startNanos = System.nanoTime();
		jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
		RunTotals before = staging.totals(jobInstanceId);
		alreadyDone = before.rows();
		tokens.set(before.promptTokens() + before.completionTokens());
		costUsd = before.costUsd();
		synchronized (this) {
			unpriced = !before.priced();
		}
		trafficAtStart = traffic.traffic(model);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("glmb-progress-");
		threads.setDaemon(true);
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads);
		timer.scheduleAtFixedRate(() -> {
			try {
				if (stagedElsewhere) {
					refresh();
				}
				display.tick(progress(false));
			}
			catch (RuntimeException ex) {
				// a display that fails must not end the beat, nor the run
			}
		}, BEAT.toMillis(), BEAT.toMillis(), TimeUnit.MILLISECONDS);
		beat = timer;
	}

	/** Called by the writer with each chunk it stages. */
	void staged(List<? extends TaskResult> results) {
		BigDecimal cost = BigDecimal.ZERO;
		boolean withoutPrice = false;
		for (TaskResult result : results) {
			tokens.addAndGet(result.stats().usage().totalTokens());
			cost = cost.add(result.stats().costUsd());
			withoutPrice |= result.stats().unpricedCalls() > 0;
		}
		synchronized (this) {
			costUsd = costUsd.add(cost);
			unpriced |= withoutPrice;
		}
		processed.addAndGet(results.size());
		display.show(progress(false));
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		ScheduledExecutorService timer = beat;
		if (timer != null) {
			// no interrupt: a beat may be writing a progress sample to the state
			// database,
			// and an interrupted write closes an H2 file for every later statement
			timer.shutdown();
			try {
				timer.awaitTermination(BEAT_END.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			beat = null;
		}
		if (stagedElsewhere) {
			refresh();
		}
		display.show(progress(true));
		return null;
	}

	/** Reads what the other processes have staged. */
	private void refresh() {
		RunTotals now = staging.totals(jobInstanceId);
		processed.set(Math.max(0, now.rows() - alreadyDone));
		tokens.set(now.promptTokens() + now.completionTokens());
		synchronized (this) {
			costUsd = now.costUsd();
			unpriced = !now.priced();
		}
	}

	private Progress progress(boolean finished) {
		long rows = processed.get();
		double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
		double rate = rows / seconds;
		long left = Math.max(0, totalRows - alreadyDone - rows);
		Duration eta = (rate > 0) ? Duration.ofMillis((long) (left / rate * 1000)) : null;
		TrafficSnapshot now = traffic.traffic(model);
		BigDecimal cost;
		synchronized (this) {
			cost = unpriced ? null : costUsd;
		}
		return new Progress(alreadyDone + rows, totalRows, rate, eta, now.inFlight(), now.limit(), tokens.get(), cost,
				now.minus(trafficAtStart).throttled(), finished);
	}

}
