package dev.glmbatch.run;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a job would take, estimated from its input without calling GLM (see {@link Quotes}
 * for the heuristic).
 *
 * @param rows data rows in the input
 * @param rejectedRows rows that cannot be processed (malformed) and make no call
 * @param calls first-attempt GLM calls (for translate one per non-blank source cell and
 * target language; see {@code callBasis})
 * @param promptTokens estimated prompt tokens of all calls
 * @param completionTokensThinkingOff estimated completion tokens with thinking disabled
 * @param completionTokensThinkingOn estimated completion tokens with thinking enabled
 * (reasoning included)
 * @param costThinkingOff estimated cost with thinking disabled, or {@code null} when the
 * model has no known price
 * @param costThinkingOn estimated cost with thinking enabled, or {@code null} when the
 * model has no known price
 * @param inFlight calls in flight: the smaller of the job's concurrency and the model's
 * current limit
 * @param limit the model's current in-flight limit
 * @param secondsPerCallThinkingOff assumed wall time of one call with thinking disabled
 * @param durationThinkingOff estimated wall time with thinking disabled
 * @param durationThinkingOn estimated wall time with thinking enabled
 * @param callBasis what makes a call, in words, e.g. {@code one per row with text}
 * @param repairCalls repair calls expected at the assumed repair rate, included in the
 * tokens, cost and duration
 * @param escalationCalls calls expected to be asked again with thinking on (only under
 * {@code thinking: auto}), included likewise
 * @param assumptions the rates and sizes assumed, each a short sentence, for the user to
 * weigh the estimate
 */
public record Quote(long rows, long rejectedRows, long calls, long promptTokens, long completionTokensThinkingOff,
		long completionTokensThinkingOn, @Nullable BigDecimal costThinkingOff, @Nullable BigDecimal costThinkingOn,
		int inFlight, int limit, double secondsPerCallThinkingOff, Duration durationThinkingOff,
		Duration durationThinkingOn, String callBasis, long repairCalls, long escalationCalls,
		List<String> assumptions) {

	public Quote {
		assumptions = List.copyOf(assumptions);
	}

}
