package dev.glmbatch.task;

import java.math.BigDecimal;
import java.util.Objects;

import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.TokenUsage;

/**
 * What the GLM calls for one or more rows took, in total and for the calls made with
 * thinking on; the calls with thinking off took the difference.
 *
 * @param calls answers used, paid now or re-used
 * @param reusedCalls answers taken from the call ledger, not paid again
 * @param thinkingCalls calls sent with thinking enabled
 * @param escalations calls repeated with thinking after an answer failed its check
 * @param repairs calls that told the model what was wrong with its previous answer
 * @param usage tokens of the answers paid now
 * @param costUsd cost of the answers paid now
 * @param thinkingUsage the part of {@code usage} paid for calls with thinking enabled
 * @param thinkingCostUsd the part of {@code costUsd} paid for calls with thinking enabled
 * @param unpricedCalls answers paid now to a model without a price: their cost is
 * unknown, not the 0 counted
 * @param earlierRunCalls the part of {@code reusedCalls} that earlier runs paid for
 * @param earlierRunCostUsd what those answers cost when the earlier runs paid for them:
 * what this run saved
 */
public record CallStats(long calls, long reusedCalls, long thinkingCalls, long escalations, long repairs,
		TokenUsage usage, BigDecimal costUsd, TokenUsage thinkingUsage, BigDecimal thinkingCostUsd, long unpricedCalls,
		long earlierRunCalls, BigDecimal earlierRunCostUsd) {

	public static final CallStats NONE = new CallStats(0, 0, 0, 0, 0, TokenUsage.ZERO, BigDecimal.ZERO, TokenUsage.ZERO,
			BigDecimal.ZERO, 0);

	public CallStats {
		Objects.requireNonNull(earlierRunCostUsd, "earlierRunCostUsd");
		if (earlierRunCalls < 0) {
			throw new IllegalArgumentException("earlierRunCalls must be >= 0, was " + earlierRunCalls);
		}
	}

	/** Figures without answers from earlier runs. */
	public CallStats(long calls, long reusedCalls, long thinkingCalls, long escalations, long repairs, TokenUsage usage,
			BigDecimal costUsd, TokenUsage thinkingUsage, BigDecimal thinkingCostUsd, long unpricedCalls) {
		this(calls, reusedCalls, thinkingCalls, escalations, repairs, usage, costUsd, thinkingUsage, thinkingCostUsd,
				unpricedCalls, 0, BigDecimal.ZERO);
	}

	/** Figures of answers from priced models only. */
	public CallStats(long calls, long reusedCalls, long thinkingCalls, long escalations, long repairs, TokenUsage usage,
			BigDecimal costUsd, TokenUsage thinkingUsage, BigDecimal thinkingCostUsd) {
		this(calls, reusedCalls, thinkingCalls, escalations, repairs, usage, costUsd, thinkingUsage, thinkingCostUsd,
				0);
	}

	/**
	 * The figures of one answer. A reused answer (attempts 0, see the call ledger) adds
	 * to the count but not to tokens or cost.
	 * @param thinking whether the call was sent with thinking enabled
	 * @param escalation whether it repeated a failed call with thinking
	 * @param repair whether it told the model what was wrong with its previous answer
	 */
	static CallStats of(ChatAnswer answer, boolean thinking, boolean escalation, boolean repair) {
		boolean reused = answer.attempts() == 0;
		TokenUsage usage = reused ? TokenUsage.ZERO : answer.usage();
		BigDecimal cost = reused ? BigDecimal.ZERO : answer.costUsd();
		return new CallStats(1, reused ? 1 : 0, thinking ? 1 : 0, escalation ? 1 : 0, repair ? 1 : 0, usage, cost,
				thinking ? usage : TokenUsage.ZERO, thinking ? cost : BigDecimal.ZERO,
				(reused || answer.priced()) ? 0 : 1);
	}

	/**
	 * These figures with {@code answers} of the re-used answers counted as taken from
	 * earlier runs, which paid {@code paid} for them.
	 */
	public CallStats withEarlierRuns(long answers, BigDecimal paid) {
		return new CallStats(calls, reusedCalls, thinkingCalls, escalations, repairs, usage, costUsd, thinkingUsage,
				thinkingCostUsd, unpricedCalls, answers, paid);
	}

	public long nonThinkingCalls() {
		return calls - thinkingCalls;
	}

	/** Tokens of the answers paid now for calls with thinking off. */
	public TokenUsage nonThinkingUsage() {
		return usage.minus(thinkingUsage);
	}

	/** Cost of the answers paid now for calls with thinking off. */
	public BigDecimal nonThinkingCostUsd() {
		return costUsd.subtract(thinkingCostUsd);
	}

	public CallStats plus(CallStats other) {
		return new CallStats(calls + other.calls, reusedCalls + other.reusedCalls, thinkingCalls + other.thinkingCalls,
				escalations + other.escalations, repairs + other.repairs, usage.plus(other.usage),
				costUsd.add(other.costUsd), thinkingUsage.plus(other.thinkingUsage),
				thinkingCostUsd.add(other.thinkingCostUsd), unpricedCalls + other.unpricedCalls,
				earlierRunCalls + other.earlierRunCalls, earlierRunCostUsd.add(other.earlierRunCostUsd));
	}

}
