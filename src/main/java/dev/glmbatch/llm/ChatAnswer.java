package dev.glmbatch.llm;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The answer to one {@link ChatRequest}.
 *
 * @param content the answer text, trimmed; code fences removed when JSON was asked for
 * @param reasoning the model's reasoning, kept apart from the answer, or {@code null}
 * when it did not think
 * @param finishReason why the model stopped
 * @param usage tokens billed for the successful attempt
 * @param costUsd what the usage cost, from the model table; 0 when the model is unpriced
 * @param model the model that answered
 * @param responseId the provider's id of the response
 * @param attempts HTTP attempts it took, 1 when the first succeeded
 * @param toolCalls the function calls the model made, in order; empty when it answered in
 * text
 * @param priced whether the model has a price; an unpriced answer's cost is unknown, not
 * 0
 */
public record ChatAnswer(String content, @Nullable String reasoning, FinishReason finishReason, TokenUsage usage,
		BigDecimal costUsd, String model, String responseId, int attempts, List<ToolCall> toolCalls, boolean priced) {

	public ChatAnswer {
		Objects.requireNonNull(content, "content");
		Objects.requireNonNull(finishReason, "finishReason");
		Objects.requireNonNull(usage, "usage");
		Objects.requireNonNull(costUsd, "costUsd");
		Objects.requireNonNull(model, "model");
		Objects.requireNonNull(responseId, "responseId");
		toolCalls = List.copyOf(toolCalls);
	}

	/** An answer of a priced model without function calls. */
	public ChatAnswer(String content, @Nullable String reasoning, FinishReason finishReason, TokenUsage usage,
			BigDecimal costUsd, String model, String responseId, int attempts) {
		this(content, reasoning, finishReason, usage, costUsd, model, responseId, attempts, List.of(), true);
	}

	/** An answer of a priced model. */
	public ChatAnswer(String content, @Nullable String reasoning, FinishReason finishReason, TokenUsage usage,
			BigDecimal costUsd, String model, String responseId, int attempts, List<ToolCall> toolCalls) {
		this(content, reasoning, finishReason, usage, costUsd, model, responseId, attempts, toolCalls, true);
	}

	/** An answer without function calls. */
	public ChatAnswer(String content, @Nullable String reasoning, FinishReason finishReason, TokenUsage usage,
			BigDecimal costUsd, String model, String responseId, int attempts, boolean priced) {
		this(content, reasoning, finishReason, usage, costUsd, model, responseId, attempts, List.of(), priced);
	}

	public boolean hasReasoning() {
		return reasoning != null && !reasoning.isBlank();
	}

}
