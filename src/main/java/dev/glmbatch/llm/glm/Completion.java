package dev.glmbatch.llm.glm;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.llm.TokenUsage;
import dev.glmbatch.llm.glm.api.ChatCompletion;
import dev.glmbatch.llm.glm.api.Choice;
import dev.glmbatch.llm.glm.api.ResponseMessage;
import dev.glmbatch.llm.glm.api.Usage;

/**
 * What one successful HTTP attempt returned, before cleaning and finish-reason checks; the same for streamed and
 * whole responses.
 *
 * @param id the response id, or {@code null}
 * @param model the model that answered, or {@code null}
 * @param content the raw answer text, or {@code null}
 * @param reasoning the raw reasoning text, or {@code null}
 * @param finishReason the wire value, or {@code null}
 * @param usage tokens billed; zero when the server did not say
 */
record Completion(@Nullable String id, @Nullable String model, @Nullable String content, @Nullable String reasoning,
		@Nullable String finishReason, TokenUsage usage) {

	Completion {
		Objects.requireNonNull(usage, "usage");
	}

	/** Reads a whole response that has at least one choice. */
	static Completion of(ChatCompletion response, Choice choice) {
		ResponseMessage message = choice.message();
		String id = (response.id() != null) ? response.id() : response.requestId();
		return new Completion(id, response.model(), (message != null) ? message.content() : null,
				(message != null) ? message.anyReasoning() : null, choice.finishReason(), usageOf(response.usage()));
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
