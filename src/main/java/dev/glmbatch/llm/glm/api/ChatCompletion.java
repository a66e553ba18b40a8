package dev.glmbatch.llm.glm.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A non-streaming response, or one chunk of a stream (same top-level fields, with
 * {@code delta} in the choice). Every field is optional on the wire; the client decides
 * what a missing one means.
 *
 * @param id the server's response id
 * @param requestId the request id, the client's or one the server made up
 * @param model the model that answered
 * @param choices in practice exactly one
 * @param usage tokens billed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletion(@JsonProperty("id") @Nullable String id,
		@JsonProperty("request_id") @Nullable String requestId, @JsonProperty("model") @Nullable String model,
		@JsonProperty("choices") @Nullable List<Choice> choices, @JsonProperty("usage") @Nullable Usage usage) {

}
