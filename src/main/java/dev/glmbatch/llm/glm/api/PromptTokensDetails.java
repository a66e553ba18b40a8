package dev.glmbatch.llm.glm.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Breakdown of the prompt tokens.
 *
 * @param cachedTokens the part served from the context cache
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PromptTokensDetails(@JsonProperty("cached_tokens") @Nullable Long cachedTokens) {

}
