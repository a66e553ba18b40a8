package dev.glmbatch.llm.glm;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.llm.TokenUsage;
import dev.glmbatch.llm.ToolCall;
import dev.glmbatch.llm.glm.api.ChatCompletion;
import dev.glmbatch.llm.glm.api.Choice;
import dev.glmbatch.llm.glm.api.ResponseMessage;
import dev.glmbatch.llm.glm.api.Usage;
import dev.glmbatch.llm.glm.api.WireToolCall;
import tools.jackson.databind.JsonNode;

/**
 * What one successful HTTP attempt returned, before cleaning and finish-reason checks;
 * the same for streamed and whole responses.
 *
 * @param id the response id, or {@code null}
 * @param model the model that answered, or {@code null}
 * @param content the raw answer text, or {@code null}
 * @param reasoning the raw reasoning text, or {@code null}
 * @param finishReason the wire value, or {@code null}
 * @param usage tokens billed; zero when the server did not say
 * @param toolCalls the function calls, in order; empty when there were none
 */
record Completion(@Nullable String id, @Nullable String model, @Nullable String content, @Nullable String reasoning,
		@Nullable String finishReason, TokenUsage usage, List<ToolCall> toolCalls) {

	Completion {
		Objects.requireNonNull(usage, "usage");
		toolCalls = List.copyOf(toolCalls);
	}

	/** Reads a whole response that has at least one choice. */
	static Completion of(ChatCompletion response, Choice choice) {
		ResponseMessage message = choice.message();
		String id = (response.id() != null) ? response.id() : response.requestId();
		return new Completion(id, response.model(), (message != null) ? message.content() : null,
				(message != null) ? message.anyReasoning() : null, choice.finishReason(), usageOf(response.usage()),
				(message != null) ? toolCallsOf(message.toolCalls()) : List.of());
	}

	/**
	 * The whole calls of a non-streamed message; a call without a function name is no
	 * call and is left out.
	 */
	static List<ToolCall> toolCallsOf(@Nullable List<WireToolCall> wire) {
		if (wire == null) {
			return List.of();
		}
		List<ToolCall> calls = new ArrayList<>(wire.size());
		for (WireToolCall call : wire) {
			if (call != null && call.function() != null && call.function().name() != null) {
				calls.add(new ToolCall(call.id(), call.function().name(), argumentsText(call.function().arguments())));
			}
		}
		return calls;
	}

	/**
	 * Arguments as JSON text: a JSON string's value as it is, an object (or anything
	 * else) serialised.
	 */
	static String argumentsText(@Nullable JsonNode arguments) {
		if (arguments == null || arguments.isNull() || arguments.isMissingNode()) {
			return "";
		}
		return arguments.isString() ? arguments.stringValue() : arguments.toString();
	}

	static TokenUsage usageOf(@Nullable Usage usage) {
		if (usage == null) {
			return TokenUsage.ZERO;
		}
		long cached = (usage.promptTokensDetails() != null && usage.promptTokensDetails().cachedTokens() != null)
				? usage.promptTokensDetails().cachedTokens() : 0;
		long reasoning = (usage.completionTokensDetails() != null
				&& usage.completionTokensDetails().reasoningTokens() != null)
						? usage.completionTokensDetails().reasoningTokens() : 0;
		return new TokenUsage(orZero(usage.promptTokens()), orZero(usage.completionTokens()), Math.max(0, cached),
				Math.max(0, reasoning));
	}

	private static long orZero(@Nullable Long value) {
		return (value != null && value > 0) ? value : 0;
	}

}
