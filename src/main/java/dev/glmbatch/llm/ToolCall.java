package dev.glmbatch.llm;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One function call in an answer.
 *
 * @param id the provider's id of the call, or {@code null} when it sent none
 * @param name the function called
 * @param arguments the arguments as JSON text, exactly as sent when they came as a
 * string, serialised when they came as an object; not checked here, so it may be anything
 * the model wrote
 */
public record ToolCall(@Nullable String id, String name, String arguments) {

	public ToolCall {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(arguments, "arguments");
	}

}
