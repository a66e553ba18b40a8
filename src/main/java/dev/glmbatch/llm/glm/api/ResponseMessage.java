package dev.glmbatch.llm.glm.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An assistant message, or a piece of one in a stream chunk.
 *
 * @param role {@code assistant}
 * @param content answer text; may be {@code null}, empty or padded with newlines
 * @param reasoningContent reasoning as Z.AI, SGLang and older vLLM name it
 * @param reasoning reasoning as newer vLLM names it
 * @param toolCalls the function calls, whole or (in a stream) in pieces, or {@code null}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponseMessage(@JsonProperty("role") @Nullable String role,
		@JsonProperty("content") @Nullable String content,
		@JsonProperty("reasoning_content") @Nullable String reasoningContent,
		@JsonProperty("reasoning") @Nullable String reasoning,
		@JsonProperty("tool_calls") @Nullable List<WireToolCall> toolCalls) {

	/** A message without function calls. */
	public ResponseMessage(@Nullable String role, @Nullable String content, @Nullable String reasoningContent,
			@Nullable String reasoning) {
		this(role, content, reasoningContent, reasoning, null);
	}

	/** The reasoning under whichever name the server used, or {@code null}. */
	public @Nullable String anyReasoning() {
		if (reasoningContent != null && !reasoningContent.isEmpty()) {
			return reasoningContent;
		}
		return (reasoning != null && !reasoning.isEmpty()) ? reasoning : null;
	}

}
