package dev.glmbatch.pipeline;

import dev.glmbatch.llm.LlmTraffic;
import dev.glmbatch.progress.ProgressDisplay;
import org.jspecify.annotations.Nullable;

/**
 * What one execution of a run brings to its job beyond the job definition: where progress
 * goes, the view of the GLM client's traffic, the meter that collects the execution's
 * call figures, and, for a retry run, the run whose rejected rows it retries.
 */
public final class RunSession {

	private final LlmTraffic traffic;

	private final ProgressDisplay display;

	private final RunMeter meter = new RunMeter();

	private final @Nullable Long retryOf;

	private final int partitions;

	public RunSession(LlmTraffic traffic, ProgressDisplay display) {
		this(traffic, display, null, 0);
	}

	private RunSession(LlmTraffic traffic, ProgressDisplay display, @Nullable Long retryOf, int partitions) {
		this.traffic = traffic;
		this.display = display;
		this.retryOf = retryOf;
		this.partitions = partitions;
	}

	/**
	 * This session distributed: the manager of a run whose rows workers process, in
	 * {@code partitions} ranges ({@link JobAssembler#PARTITION_STEP}).
	 */
	public RunSession distributed(int partitions) {
		if (partitions < 1) {
			throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
		}
		return new RunSession(traffic, display, retryOf, partitions);
	}

	/** The partitions of a distributed run; 0 when this process works every row. */
	public int partitions() {
		return partitions;
	}

	/**
	 * This session retrying the rejected rows of an earlier run: the rows it accepted
	 * keep their results without a call ({@link RetriedRows}).
	 */
	public RunSession retrying(long earlierRun) {
		return new RunSession(traffic, display, earlierRun, partitions);
	}

	/** No traffic view, progress as log lines. */
	public static RunSession plain() {
		return new RunSession(LlmTraffic.NONE, ProgressDisplay.logLines());
	}

	public LlmTraffic traffic() {
		return traffic;
	}

	public ProgressDisplay display() {
		return display;
	}

	public RunMeter meter() {
		return meter;
	}

	/** The run whose rejected rows this one retries, or {@code null}. */
	public @Nullable Long retryOf() {
		return retryOf;
	}

}
