package dev.glmbatch.llm.glm.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * OpenAI's {@code stream_options}; vLLM sends usage at the end of a stream only when
 * asked. Z.AI always sends it.
 *
 * @param includeUsage whether the last chunk should carry usage
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {

	public static StreamOptions withUsage() {
		return new StreamOptions(true);
	}

}
