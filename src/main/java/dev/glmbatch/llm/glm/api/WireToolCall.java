package dev.glmbatch.llm.glm.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One entry of an answer's {@code tool_calls}, or a piece of one in a stream chunk. Every
 * field is optional: a streamed call sends its id and name once and then fragments of its
 * arguments under the same {@code index}.
 *
 * @param id the call's id
 * @param index the call's position, which ties the fragments of a streamed call together
 * @param type {@code function}
 * @param function the name and arguments
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WireToolCall(@JsonProperty("id") @Nullable String id, @JsonProperty("index") @Nullable Integer index,
		@JsonProperty("type") @Nullable String type, @JsonProperty("function") @Nullable Function function) {

	/**
	 * The function called.
	 *
	 * @param name its name
	 * @param arguments a JSON string holding the arguments, as GLM sends them, or the
	 * arguments object itself, as its reference describes them
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Function(@JsonProperty("name") @Nullable String name,
			@JsonProperty("arguments") @Nullable JsonNode arguments) {

	}

}
