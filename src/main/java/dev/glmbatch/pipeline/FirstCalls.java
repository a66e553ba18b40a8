package dev.glmbatch.pipeline;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import dev.glmbatch.input.SourceRow;
import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.TokenUsage;
import dev.glmbatch.task.ContentTask;

/**
 * Learns the first requests a row's task sends, by running the task itself against this
 * client instead of GLM: the requests are the very ones the process step will send for
 * the row, so an answer a batch brings for one of them is found in the call ledger under
 * the same fingerprint and not paid again.
 *
 * <p>
 * Every request is answered with a placeholder: a marker followed by the request's own
 * messages, which a translation's check accepts (it keeps the source's numbers and
 * placeholders and is not the source alone), so that a translated row goes on to its next
 * cell and language and every first call of the row is learnt; a task whose check refuses
 * it (JSON answers) ends the row there, which costs nothing since such tasks make one
 * first call a row, or one per section before a combining call. A request is a first call
 * when it depends on no placeholder (a repair quotes the answer it repairs, a combining
 * call quotes the answers it combines) and does not repeat the conversation of a first
 * call already taken (a retry with more room, an escalation to thinking): those follow
 * from a real answer, so they go one by one in the process step. Not thread-safe: one row
 * at a time.
 */
final class FirstCalls implements LlmClient {

	/** No model writes this. */
	private static final String PLACEHOLDER = "\u0000(batch answer pending)\u0000";

	private final List<ChatRequest> taken = new ArrayList<>();

	/** The first requests of the row, in the order the task sends them. */
	List<ChatRequest> of(ContentTask task, SourceRow row) {
		taken.clear();
		task.perform(row);
		return List.copyOf(taken);
	}

	@Override
	public ChatAnswer complete(ChatRequest request) {
		boolean follows = request.messages().stream().map(ChatMessage::content).anyMatch((c) -> c.contains(PLACEHOLDER))
				|| taken.stream().anyMatch((first) -> first.messages().equals(request.messages()));
		if (!follows) {
			taken.add(request);
		}
		StringBuilder placeholder = new StringBuilder(PLACEHOLDER);
		request.messages().forEach((message) -> placeholder.append('\n').append(message.content()));
		return new ChatAnswer(placeholder.toString(), null, FinishReason.STOP, TokenUsage.ZERO, BigDecimal.ZERO,
				request.model(), "pending", 0);
	}

}
