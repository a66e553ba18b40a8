package dev.glmbatch.llm.glm.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Breakdown of the completion tokens.
 *
 * @param reasoningTokens the part spent reasoning; a model that always reasons reports it
 * even when told not to
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompletionTokensDetails(@JsonProperty("reasoning_tokens") @Nullable Long reasoningTokens) {

}
