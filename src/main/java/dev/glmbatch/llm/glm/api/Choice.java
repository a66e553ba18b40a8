package dev.glmbatch.llm.glm.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * One choice of a response or of a stream chunk: a whole {@code message} in the first
 * case, a {@code delta} in the second.
 *
 * @param index position, always 0 for GLM
 * @param message the answer of a non-streaming response
 * @param delta the increment carried by a stream chunk
 * @param finishReason why generation stopped; set on the last chunk only when streaming
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Choice(@JsonProperty("index") @Nullable Integer index,
		@JsonProperty("message") @Nullable ResponseMessage message,
		@JsonProperty("delta") @Nullable ResponseMessage delta,
		@JsonProperty("finish_reason") @Nullable String finishReason) {

}
