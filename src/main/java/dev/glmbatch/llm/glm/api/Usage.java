package dev.glmbatch.llm.glm.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Token counts of a response; boxed because self-hosted servers leave some out.
 *
 * @param promptTokens input tokens, cached ones included
 * @param completionTokens output tokens, reasoning included
 * @param totalTokens the sum
 * @param promptTokensDetails the cached share of the input, when reported
 * @param completionTokensDetails the reasoning share of the output, when reported
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Usage(@JsonProperty("prompt_tokens") @Nullable Long promptTokens,
		@JsonProperty("completion_tokens") @Nullable Long completionTokens,
		@JsonProperty("total_tokens") @Nullable Long totalTokens,
		@JsonProperty("prompt_tokens_details") @Nullable PromptTokensDetails promptTokensDetails,
		@JsonProperty("completion_tokens_details") @Nullable CompletionTokensDetails completionTokensDetails) {

}
