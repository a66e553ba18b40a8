package dev.glmbatch.run;

import java.math.BigDecimal;

import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.TokenUsage;

/**
 * Answers every request at once with its last message, marked, without any network: a run
 * with it measures the pipeline's own cost (reading, staging, committing, exporting), for
 * the benchmark. Never used for real work.
 */
final class PassThroughLlmClient implements LlmClient {

	private static final String MARK = "[pass-through] ";

	@Override
	public ChatAnswer complete(ChatRequest request) {
		ChatMessage last = request.messages().get(request.messages().size() - 1);
		return new ChatAnswer(MARK + last.content(), null, FinishReason.STOP, TokenUsage.ZERO, BigDecimal.ZERO,
				request.model(), "pass-through", 1);
	}

}
