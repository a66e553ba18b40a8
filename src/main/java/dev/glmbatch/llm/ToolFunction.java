package dev.glmbatch.llm;

import java.util.Objects;

/**
 * A function the model may call instead of answering in text: the only tool kind a
 * request offers.
 *
 * @param name the name the model calls it by: 1 to 64 letters, digits, {@code _} or
 * {@code -}, as GLM requires
 * @param description what the function is for, as the model reads it
 * @param parameters the JSON Schema of its arguments, as JSON text (an object schema)
 */
public record ToolFunction(String name, String description, String parameters) {

	public ToolFunction {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(description, "description");
		Objects.requireNonNull(parameters, "parameters");
		if (!name.matches("[a-zA-Z0-9_-]{1,64}")) {
			throw new IllegalArgumentException("a function name is 1 to 64 of a-z A-Z 0-9 _ -, was '" + name + "'");
		}
	}

}
