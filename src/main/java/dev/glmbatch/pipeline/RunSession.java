package dev.glmbatch.pipeline;

import dev.glmbatch.llm.LlmTraffic;
import dev.glmbatch.progress.ProgressDisplay;

/**
 * What one execution of a run brings to its job beyond the job definition: where progress
 * goes, the view of the GLM client's traffic, and the meter that collects the execution's
 * call figures.
 */
public final class RunSession {

	private final LlmTraffic traffic;

	private final ProgressDisplay display;

	private final RunMeter meter = new RunMeter();

	public RunSession(LlmTraffic traffic, ProgressDisplay display) {
		this.traffic = traffic;
		this.display = display;
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

}
