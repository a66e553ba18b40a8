package dev.glmbatch.run;

import java.math.BigDecimal;
import java.util.Objects;

import dev.glmbatch.pipeline.ResultStaging.RunTotals;

/**
 * A run's committed totals over all its executions, for callers of {@link Runs} that must not know the pipeline
 * (the web API).
 *
 * @param rows rows committed
 * @param done rows answered
 * @param rejected rows rejected, each with a reason in the reject file
 * @param calls GLM answers used
 * @param reusedCalls answers re-used from the call ledger, not paid again
 * @param thinkingCalls calls made with thinking on
 * @param escalations rows retried with thinking after a failed check
 * @param promptTokens prompt tokens paid
 * @param completionTokens completion tokens paid
 * @param cachedTokens prompt tokens served from the provider's cache
 * @param costUsd the cost in US dollars
 */
public record RunFigures(long rows, long done, long rejected, long calls, long reusedCalls, long thinkingCalls,
		long escalations, long promptTokens, long completionTokens, long cachedTokens, BigDecimal costUsd) {

	public RunFigures {
		Objects.requireNonNull(costUsd, "costUsd");
	}

	static RunFigures of(RunTotals totals) {
		return new RunFigures(totals.rows(), totals.done(), totals.rejected(), totals.calls(), totals.reusedCalls(),
				totals.thinkingCalls(), totals.escalations(), totals.promptTokens(), totals.completionTokens(),
				totals.cachedTokens(), totals.costUsd());
	}

}
