package dev.glmbatch.llm.glm.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One message of a request; content is always a plain string, which is what text models
 * accept.
 *
 * @param role {@code system}, {@code user} or {@code assistant}
 * @param content the text
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WireMessage(@JsonProperty("role") String role, @JsonProperty("content") String content) {

	public WireMessage {
		Objects.requireNonNull(role, "role");
		Objects.requireNonNull(content, "content");
	}

}
