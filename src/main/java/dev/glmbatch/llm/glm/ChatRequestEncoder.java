package dev.glmbatch.llm.glm;

import java.util.List;
import java.util.Locale;

import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.glm.api.ChatCompletionRequest;
import dev.glmbatch.llm.glm.api.ChatTemplateKwargs;
import dev.glmbatch.llm.glm.api.ResponseFormat;
import dev.glmbatch.llm.glm.api.StreamOptions;
import dev.glmbatch.llm.glm.api.ThinkingOption;
import dev.glmbatch.llm.glm.api.WireMessage;

/**
 * Maps a port request to the wire body of one attempt. Thinking is always explicit, in the dialect's form: left out,
 * GLM-4.5 thinks, and spends output tokens on it.
 */
final class ChatRequestEncoder {

	private ChatRequestEncoder() {
	}

	static ChatCompletionRequest encode(ChatRequest request, GlmDialect dialect, String requestId) {
		boolean thinking = request.thinking().isEnabled();
		boolean zai = dialect == GlmDialect.ZAI;
		List<WireMessage> messages = request.messages().stream().map(ChatRequestEncoder::message).toList();
		return new ChatCompletionRequest(request.model(), messages,
				zai ? (thinking ? ThinkingOption.enabled() : ThinkingOption.disabled()) : null,
				zai ? null : new ChatTemplateKwargs(thinking), request.temperature(), request.topP(),
				request.doSample(), request.maxTokens(), request.jsonMode() ? ResponseFormat.jsonObject() : null,
				request.stream() ? Boolean.TRUE : null, (request.stream() && !zai) ? StreamOptions.withUsage() : null,
				requestId);
	}

	private static WireMessage message(ChatMessage message) {
		return new WireMessage(message.role().name().toLowerCase(Locale.ROOT), message.content());
	}

}
