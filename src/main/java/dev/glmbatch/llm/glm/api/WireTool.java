package dev.glmbatch.llm.glm.api;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * One entry of a request's {@code tools}: always a {@code function}, the only kind a
 * batch offers.
 *
 * @param type {@code function}
 * @param function the function
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WireTool(@JsonProperty("type") String type, @JsonProperty("function") Function function) {

	public WireTool {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(function, "function");
	}

	public static WireTool function(String name, String description, String parameters) {
		return new WireTool("function", new Function(name, description, parameters));
	}

	/**
	 * A function the model may call.
	 *
	 * @param name its name
	 * @param description what it is for
	 * @param parameters the JSON Schema of its arguments, written into the body as the
	 * JSON it is
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record Function(@JsonProperty("name") String name, @JsonProperty("description") String description,
			@JsonProperty("parameters") @JsonRawValue String parameters) {

		public Function {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(description, "description");
			Objects.requireNonNull(parameters, "parameters");
		}

	}

}
