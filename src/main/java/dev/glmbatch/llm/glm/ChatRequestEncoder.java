package dev.glmbatch.llm.glm;

import java.util.List;
import java.util.Locale;

import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.ReasoningEffort;
import dev.glmbatch.llm.ThinkingControl;
import dev.glmbatch.llm.glm.api.ChatCompletionRequest;
import dev.glmbatch.llm.glm.api.ChatTemplateKwargs;
import dev.glmbatch.llm.glm.api.ResponseFormat;
import dev.glmbatch.llm.glm.api.StreamOptions;
import dev.glmbatch.llm.glm.api.ThinkingOption;
import dev.glmbatch.llm.glm.api.WireMessage;

/**
 * Maps a port request to the wire body of one attempt. Thinking is explicit in the form the model takes (see
 * {@link ThinkingControl}): left out, GLM-4.5 thinks, and spends output tokens on it.
 * <ul>
 * <li>{@code toggle}: {@code thinking.type} on Z.AI, {@code chat_template_kwargs.enable_thinking} on a self-hosted
 * server;</li>
 * <li>{@code effort}: {@code reasoning_effort}, the request's own or {@code low} for thinking disabled and
 * {@code high} for enabled (such a model cannot stop thinking; {@code low} reasons least); on a self-hosted server
 * the template switch;</li>
 * <li>{@code always}: nothing, since the model refuses to be told.</li>
 * </ul>
 * {@code reasoning_effort} is never sent to a model of another kind.
 */
final class ChatRequestEncoder {

	private ChatRequestEncoder() {
	}

	/** The body for a model whose thinking is a toggle. */
	static ChatCompletionRequest encode(ChatRequest request, GlmDialect dialect, String requestId) {
		return encode(request, dialect, ThinkingControl.TOGGLE, requestId);
	}

	static ChatCompletionRequest encode(ChatRequest request, GlmDialect dialect, ThinkingControl control,
			String requestId) {
		boolean thinking = request.thinking().isEnabled();
		boolean zai = dialect == GlmDialect.ZAI;
		boolean toggle = control == ThinkingControl.TOGGLE;
		String effort = null;
		if (zai && control == ThinkingControl.EFFORT) {
			ReasoningEffort asked = request.reasoningEffort();
			effort = ((asked != null) ? asked : ReasoningEffort.of(request.thinking())).key();
		}
		List<WireMessage> messages = request.messages().stream().map(ChatRequestEncoder::message).toList();
		return new ChatCompletionRequest(request.model(), messages,
				(zai && toggle) ? (thinking ? ThinkingOption.enabled() : ThinkingOption.disabled()) : null,
				(zai || control == ThinkingControl.ALWAYS) ? null : new ChatTemplateKwargs(thinking), effort,
				request.temperature(), request.topP(),
				request.doSample(), request.maxTokens(), request.jsonMode() ? ResponseFormat.jsonObject() : null,
				request.stream() ? Boolean.TRUE : null, (request.stream() && !zai) ? StreamOptions.withUsage() : null,
				requestId);
	}

	private static WireMessage message(ChatMessage message) {
		return new WireMessage(message.role().name().toLowerCase(Locale.ROOT), message.content());
	}

}
