package dev.glmbatch.task;

import java.math.BigDecimal;

import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.TokenUsage;

/**
 * What the GLM calls for one or more rows took.
 *
 * @param calls answers used, paid now or re-used
 * @param reusedCalls answers taken from the call ledger, not paid again
 * @param thinkingCalls calls sent with thinking enabled
 * @param escalations calls repeated with thinking after an answer failed its check
 * @param repairs calls that told the model what was wrong with its previous answer
 * @param usage tokens of the answers paid now
 * @param costUsd cost of the answers paid now
 */
public record CallStats(long calls, long reusedCalls, long thinkingCalls, long escalations, long repairs,
		TokenUsage usage, BigDecimal costUsd) {

	public static final CallStats NONE = new CallStats(0, 0, 0, 0, 0, TokenUsage.ZERO, BigDecimal.ZERO);

	public CallStats(long calls, long reusedCalls, long thinkingCalls, long escalations, TokenUsage usage,
			BigDecimal costUsd) {
		this(calls, reusedCalls, thinkingCalls, escalations, 0, usage, costUsd);
	}

	/** A reused answer (attempts 0, see the call ledger) adds to the count but not to tokens or cost. */
	public static CallStats of(ChatAnswer answer, boolean thinking, boolean escalation) {
		return of(answer, thinking, escalation, false);
	}

	static CallStats of(ChatAnswer answer, boolean thinking, boolean escalation, boolean repair) {
		boolean reused = answer.attempts() == 0;
		return new CallStats(1, reused ? 1 : 0, thinking ? 1 : 0, escalation ? 1 : 0, repair ? 1 : 0,
				reused ? TokenUsage.ZERO : answer.usage(), reused ? BigDecimal.ZERO : answer.costUsd());
	}

	public long nonThinkingCalls() {
		return calls - thinkingCalls;
	}

	public CallStats plus(CallStats other) {
		return new CallStats(calls + other.calls, reusedCalls + other.reusedCalls, thinkingCalls + other.thinkingCalls,
				escalations + other.escalations, repairs + other.repairs, usage.plus(other.usage), costUsd.add(other.costUsd));
	}

}
