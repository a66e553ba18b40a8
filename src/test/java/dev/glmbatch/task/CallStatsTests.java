package dev.glmbatch.task;

import java.math.BigDecimal;
import java.util.List;

import dev.glmbatch.jobdef.ThinkingMode;
import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.Thinking;
import dev.glmbatch.llm.TokenUsage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The split of tokens and cost between calls with thinking off and on. */
class CallStatsTests {

	private static final TokenUsage OFF_USAGE = new TokenUsage(100, 20, 40);

	private static final BigDecimal OFF_COST = new BigDecimal("0.0011");

	private static final TokenUsage ON_USAGE = new TokenUsage(110, 900, 60);

	private static final BigDecimal ON_COST = new BigDecimal("0.0230");

	@Test
	void aCallWithThinkingCountsAllItsTokensAndCostAsThinkingOn() {
		CallStats stats = CallStats.of(answer(ON_USAGE, ON_COST, 1), true, false, false);

		assertThat(stats.thinkingUsage()).isEqualTo(ON_USAGE).isEqualTo(stats.usage());
		assertThat(stats.thinkingCostUsd()).isEqualByComparingTo(ON_COST);
		assertThat(stats.nonThinkingUsage()).isEqualTo(TokenUsage.ZERO);
		assertThat(stats.nonThinkingCostUsd()).isZero();
	}

	@Test
	void aCallWithoutThinkingLeavesTheThinkingPartAtZero() {
		CallStats stats = CallStats.of(answer(OFF_USAGE, OFF_COST, 1), false, false, false);

		assertThat(stats.thinkingUsage()).isEqualTo(TokenUsage.ZERO);
		assertThat(stats.thinkingCostUsd()).isZero();
		assertThat(stats.nonThinkingUsage()).isEqualTo(OFF_USAGE);
		assertThat(stats.nonThinkingCostUsd()).isEqualByComparingTo(OFF_COST);
	}

	@Test
	void aReusedAnswerCountsAsACallButAddsNoTokensOrCostInEitherMode() {
		CallStats stats = CallStats.of(answer(ON_USAGE, ON_COST, 0), true, false, false);

		assertThat(stats.calls()).isEqualTo(1);
		assertThat(stats.reusedCalls()).isEqualTo(1);
		assertThat(stats.thinkingCalls()).isEqualTo(1);
		assertThat(stats.usage()).isEqualTo(TokenUsage.ZERO);
		assertThat(stats.thinkingUsage()).isEqualTo(TokenUsage.ZERO);
		assertThat(stats.thinkingCostUsd()).isZero();
	}

	@Test
	void sumsKeepEachModeApartAndTheModesAddUpToTheTotal() {
		CallStats stats = CallStats.of(answer(OFF_USAGE, OFF_COST, 1), false, false, false)
			.plus(CallStats.of(answer(ON_USAGE, ON_COST, 1), true, true, false))
			.plus(CallStats.of(answer(OFF_USAGE, OFF_COST, 2), false, false, true));

		assertThat(stats.usage()).isEqualTo(new TokenUsage(310, 940, 140));
		assertThat(stats.thinkingUsage()).isEqualTo(ON_USAGE);
		assertThat(stats.nonThinkingUsage()).isEqualTo(new TokenUsage(200, 40, 80));
		assertThat(stats.costUsd()).isEqualByComparingTo("0.0252");
		assertThat(stats.thinkingCostUsd()).isEqualByComparingTo(ON_COST);
		assertThat(stats.nonThinkingCostUsd()).isEqualByComparingTo("0.0022");
	}

	@Test
	void anEscalatedRowPaysItsFirstCallAndRepairWithThinkingOffAndItsEscalationWithThinkingOn() {
		// given: a model whose answers pass only when it thinks, and cost more when it
		// does
		LlmClient client = request -> request.thinking().isEnabled() ? answer("good", ON_USAGE, ON_COST)
				: answer("bad", OFF_USAGE, OFF_COST);
		CheckedCalls calls = new CheckedCalls(client, ThinkingMode.AUTO, "glm-4.5-air", "t");
		ChatRequest first = new ChatRequest("glm-4.5-air", List.of(ChatMessage.user("Classify this")),
				Thinking.DISABLED, null, null, false, 256, false, false, "t");

		// when
		CheckedCalls.Outcome<String> outcome = calls.call(first, 256, content -> content.equals("good")
				? CheckedAnswer.passed(content) : CheckedAnswer.failed("bad", "the answer is bad"), "row 1");

		// then
		assertThat(outcome.passed()).isTrue();
		CallStats stats = outcome.stats();
		assertThat(stats.calls()).isEqualTo(3);
		assertThat(stats.thinkingCalls()).isEqualTo(1);
		assertThat(stats.escalations()).isEqualTo(1);
		assertThat(stats.thinkingUsage()).isEqualTo(ON_USAGE);
		assertThat(stats.thinkingCostUsd()).isEqualByComparingTo(ON_COST);
		assertThat(stats.nonThinkingUsage()).isEqualTo(OFF_USAGE.plus(OFF_USAGE));
		assertThat(stats.nonThinkingCostUsd()).isEqualByComparingTo(OFF_COST.add(OFF_COST));
	}

	private static ChatAnswer answer(TokenUsage usage, BigDecimal cost, int attempts) {
		return new ChatAnswer("x", null, FinishReason.STOP, usage, cost, "glm-4.5-air", "id", attempts);
	}

	private static ChatAnswer answer(String content, TokenUsage usage, BigDecimal cost) {
		return new ChatAnswer(content, null, FinishReason.STOP, usage, cost, "glm-4.5-air", "id", 1);
	}

}
