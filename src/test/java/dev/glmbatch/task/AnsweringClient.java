package dev.glmbatch.task;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.TokenUsage;

/** A GLM client for task tests that answers in this thread, without any network. */
final class AnsweringClient {

	private AnsweringClient() {
	}

	/**
	 * Adds each request to {@code sent} and answers it with the text {@code answers}
	 * gives, as one finished call of 10 prompt and 5 completion tokens costing one
	 * dollar.
	 */
	static LlmClient recording(List<ChatRequest> sent, Function<ChatRequest, String> answers) {
		return request -> {
			sent.add(request);
			return new ChatAnswer(answers.apply(request), null, FinishReason.STOP, new TokenUsage(10, 5, 0),
					BigDecimal.ONE, request.model(), "id", 1);
		};
	}

}
