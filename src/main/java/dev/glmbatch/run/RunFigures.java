package dev.glmbatch.run;

import java.math.BigDecimal;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.progress.RunTotals;
import dev.glmbatch.progress.Spend;

/**
 * A run's committed totals over all its executions, for callers of {@link Runs} that must
 * not know the pipeline (the web API).
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
 * @param costUsd the cost in US dollars, or {@code null} when the run is unpriced: a
 * model without a price answered some of its calls, so its cost is unknown (never shown
 * as $0)
 * @param itemsThinkingOff rows whose every call ran with thinking off
 * @param itemsThinkingOn rows with thinking on from their first call, not escalated
 * @param itemsEscalated rows escalated to thinking after failing their check
 * @param thinkingOff what the calls with thinking off took
 * @param thinkingOn what the calls with thinking on took; with {@code thinkingOff} it
 * adds up to the totals
 * @param reasoningTokens the part of the completion tokens the model spent reasoning, as
 * it reported it
 * @param unpricedCalls paid calls to a model without a price: when there are any, the run
 * is <em>unpriced</em> and {@code costUsd} is not its cost
 * @param earlierRunCalls the part of {@code reusedCalls} taken from answers earlier runs
 * paid for
 * @param earlierRunCostUsd what those answers cost the earlier runs: what re-using them
 * saved
 */
public record RunFigures(long rows, long done, long rejected, long calls, long reusedCalls, long thinkingCalls,
		long escalations, long promptTokens, long completionTokens, long cachedTokens, @Nullable BigDecimal costUsd,
		long itemsThinkingOff, long itemsThinkingOn, long itemsEscalated, ModeFigures thinkingOff,
		ModeFigures thinkingOn, long reasoningTokens, long unpricedCalls, long earlierRunCalls,
		BigDecimal earlierRunCostUsd) {

	public RunFigures {
		Objects.requireNonNull(earlierRunCostUsd, "earlierRunCostUsd");
		Objects.requireNonNull(thinkingOff, "thinkingOff");
		Objects.requireNonNull(thinkingOn, "thinkingOn");
	}

	static RunFigures of(RunTotals totals) {
		return new RunFigures(totals.rows(), totals.done(), totals.rejected(), totals.calls(), totals.reusedCalls(),
				totals.thinkingCalls(), totals.escalations(), totals.promptTokens(), totals.completionTokens(),
				totals.cachedTokens(), totals.priced() ? totals.costUsd() : null, totals.itemsThinkingOff(),
				totals.itemsThinkingOn(), totals.itemsEscalated(),
				ModeFigures.of(totals.nonThinkingCalls(), totals.thinkingOff(), totals.priced()),
				ModeFigures.of(totals.thinkingCalls(), totals.thinkingOn(), totals.priced()), totals.reasoningTokens(),
				totals.unpricedCalls(), totals.earlierRunCalls(), totals.earlierRunCostUsd());
	}

	/** Whether every paid call had a price, so that {@code costUsd} is the run's cost. */
	public boolean priced() {
		return unpricedCalls == 0;
	}

	/**
	 * What the calls made in one thinking mode took.
	 *
	 * @param calls answers used, paid or re-used
	 * @param promptTokens prompt tokens paid
	 * @param completionTokens completion tokens paid (reasoning included)
	 * @param cachedTokens prompt tokens served from the provider's cache
	 * @param costUsd the cost in US dollars, or {@code null} when the run is unpriced
	 * @param reasoningTokens the part of {@code completionTokens} spent reasoning, as the
	 * model reported it
	 */
	public record ModeFigures(long calls, long promptTokens, long completionTokens, long cachedTokens,
			@Nullable BigDecimal costUsd, long reasoningTokens) {

		/** Prompt and completion tokens together. */
		public long totalTokens() {
			return promptTokens + completionTokens;
		}

		static ModeFigures of(long calls, Spend spend, boolean priced) {
			return new ModeFigures(calls, spend.promptTokens(), spend.completionTokens(), spend.cachedTokens(),
					priced ? spend.costUsd() : null, spend.reasoningTokens());
		}

	}

}
