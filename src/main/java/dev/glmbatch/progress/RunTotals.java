package dev.glmbatch.progress;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Committed totals of a run.
 *
 * @param rows rows staged
 * @param done rows with every output
 * @param rejected rows in the reject file
 * @param calls GLM answers used
 * @param reusedCalls answers taken from the ledger instead of paid again
 * @param thinkingCalls calls with thinking enabled
 * @param escalations calls repeated with thinking
 * @param promptTokens prompt tokens paid
 * @param completionTokens completion tokens paid (reasoning included)
 * @param cachedTokens prompt tokens served from the context cache
 * @param costUsd cost of the paid calls
 * @param thinkingOn the part of the tokens and cost paid for calls with thinking enabled
 * (rows staged by a version before this split count here only when every call of the row
 * had thinking on)
 * @param itemsThinkingOff rows whose every call ran without thinking
 * @param itemsThinkingOn rows with thinking from their first decision, not escalated
 * @param itemsEscalated rows escalated to thinking after failing validation
 * @param repairs repair calls made after a failed validation
 * @param failuresByKind validation failures by kind, including those repaired
 * @param reasoningTokens the part of {@code completionTokens} the model spent reasoning,
 * as it reported it
 * @param unpricedCalls paid calls to a model without a price; when there are any,
 * {@code costUsd} leaves them out, so the run's cost is unknown (<em>unpriced</em>), not
 * that figure
 * @param earlierRunCalls the part of {@code reusedCalls} taken from answers earlier runs
 * paid for
 * @param earlierRunCostUsd what those answers cost the earlier runs: what re-using them
 * saved
 */
public record RunTotals(long rows, long done, long rejected, long calls, long reusedCalls, long thinkingCalls,
		long escalations, long promptTokens, long completionTokens, long cachedTokens, BigDecimal costUsd,
		Spend thinkingOn, long itemsThinkingOff, long itemsThinkingOn, long itemsEscalated, long repairs,
		Map<String, Long> failuresByKind, long reasoningTokens, long unpricedCalls, long earlierRunCalls,
		BigDecimal earlierRunCostUsd) {

	public RunTotals {
		Objects.requireNonNull(earlierRunCostUsd, "earlierRunCostUsd");
		failuresByKind = Collections.unmodifiableMap(new TreeMap<>(failuresByKind));
	}

	/** Whether every paid call had a price, so that {@code costUsd} is the run's cost. */
	public boolean priced() {
		return unpricedCalls == 0;
	}

	public long validationFailures() {
		return failuresByKind.values().stream().mapToLong(Long::longValue).sum();
	}

	public long nonThinkingCalls() {
		return calls - thinkingCalls;
	}

	/** Tokens and cost of every paid call. */
	public Spend spend() {
		return new Spend(promptTokens, completionTokens, cachedTokens, costUsd, reasoningTokens);
	}

	/**
	 * The tokens and cost paid for calls with thinking off: the total less
	 * {@link #thinkingOn}.
	 */
	public Spend thinkingOff() {
		return new Spend(promptTokens - thinkingOn.promptTokens(), completionTokens - thinkingOn.completionTokens(),
				cachedTokens - thinkingOn.cachedTokens(), costUsd.subtract(thinkingOn.costUsd()),
				reasoningTokens - thinkingOn.reasoningTokens());
	}

}
