package dev.glmbatch.run.schedule;

import dev.glmbatch.run.RunFigures;
import dev.glmbatch.run.RunOutcome;
import dev.glmbatch.run.RunStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Records the service's runs as Micrometer meters (exported in Prometheus format by the
 * actuator). Rows and durations count per execution; tokens and cost are counted once per
 * run, when it completes, from its committed totals.
 */
class RunMetrics {

	private final MeterRegistry registry;

	RunMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void recorded(RunOutcome outcome) {
		String job = outcome.jobName();
		String status = outcome.status().name().toLowerCase();
		Counter.builder("glmbatch.runs")
			.description("Run executions that ended, by status")
			.tag("job", job)
			.tag("status", status)
			.register(registry)
			.increment();
		if (outcome.status() == RunStatus.ALREADY_COMPLETED) {
			return;
		}
		Counter.builder("glmbatch.rows")
			.description("Rows processed")
			.tag("job", job)
			.register(registry)
			.increment(outcome.rowsThisExecution());
		Timer.builder("glmbatch.run.duration")
			.description("Wall time of run executions")
			.tag("job", job)
			.tag("status", status)
			.register(registry)
			.record(outcome.elapsed());
		if (outcome.status() == RunStatus.COMPLETED) {
			RunFigures figures = outcome.figures();
			tokens(job, "prompt", figures.promptTokens());
			tokens(job, "completion", figures.completionTokens());
			tokens(job, "cached", figures.cachedTokens());
			tokens(job, "reasoning", figures.reasoningTokens());
			if (figures.costUsd() != null) {
				// an unpriced run's cost is unknown: counting it as 0 would understate
				// the total
				Counter.builder("glmbatch.cost")
					.baseUnit("usd")
					.description("GLM cost of completed, priced runs")
					.tag("job", job)
					.register(registry)
					.increment(figures.costUsd().doubleValue());
			}
		}
	}

	void triggerSkipped(String job) {
		Counter.builder("glmbatch.triggers.skipped")
			.description("Triggers skipped because the job was still running")
			.tag("job", job)
			.register(registry)
			.increment();
	}

	private void tokens(String job, String type, long count) {
		Counter.builder("glmbatch.tokens")
			.description("Tokens of completed runs")
			.tag("job", job)
			.tag("type", type)
			.register(registry)
			.increment(count);
	}

}
