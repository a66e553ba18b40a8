package dev.glmbatch.llm.glm.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Z.AI's {@code thinking} object.
 *
 * @param type {@code enabled} or {@code disabled}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThinkingOption(@JsonProperty("type") String type) {

	public ThinkingOption {
		Objects.requireNonNull(type, "type");
	}

	public static ThinkingOption enabled() {
		return new ThinkingOption("enabled");
	}

	public static ThinkingOption disabled() {
		return new ThinkingOption("disabled");
	}

}
