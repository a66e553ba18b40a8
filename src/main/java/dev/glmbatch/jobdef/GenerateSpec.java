package dev.glmbatch.jobdef;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The {@code generate} task: a prompt template filled from each row.
 *
 * @param template the prompt, with {@code {{column}}} placeholders
 * @param sourceColumns the columns the placeholders name, in first-use order, each once
 * @param schema a JSON Schema (an object schema with {@code properties}) the answer must
 * satisfy, as JSON text, or {@code null} for a plain-text answer
 * @param fields the schema's top-level properties in order, each an output column; empty
 * without a schema
 * @param maxWords the longest acceptable answer in words (for a schema, over all string
 * fields), or {@code null}
 */
public record GenerateSpec(String template, List<String> sourceColumns, @Nullable String schema, List<String> fields,
		@Nullable Integer maxWords) implements TaskSpec {

	public GenerateSpec {
		Objects.requireNonNull(template, "template");
		sourceColumns = List.copyOf(sourceColumns);
		fields = List.copyOf(fields);
		if ((schema == null) != fields.isEmpty()) {
			throw new IllegalArgumentException("fields come from the schema: both or neither");
		}
	}

	/**
	 * The schema's properties whose values are never strings (numbers, booleans, objects,
	 * arrays, by the schema's {@code type}); a JSON output keeps their JSON type. Empty
	 * without a schema.
	 */
	public List<String> nonTextFields() {
		return (schema != null) ? SchemaText.nonTextFields(schema) : List.of();
	}

	@Override
	public String columnYamlPath(int index) {
		return "task.prompt {{" + sourceColumns.get(index) + "}}";
	}

}
