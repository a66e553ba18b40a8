package dev.glmbatch.jobdef;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The {@code extract} task: fields read out of each row's text into the shape of a JSON
 * Schema.
 *
 * @param sourceColumns the columns whose text the model reads, at least one (several are
 * joined, each under its name)
 * @param schema the JSON Schema of the fields, as JSON text: an object schema with
 * {@code properties}
 * @param fields the schema's top-level properties in order, each an output column
 * @param instructions extra guidance for the model, or {@code null}
 */
public record ExtractSpec(List<String> sourceColumns, String schema, List<String> fields,
		@Nullable String instructions) implements TaskSpec {

	public ExtractSpec {
		sourceColumns = List.copyOf(sourceColumns);
		Objects.requireNonNull(schema, "schema");
		fields = List.copyOf(fields);
		if (fields.isEmpty()) {
			throw new IllegalArgumentException("an extraction needs at least one field");
		}
	}

	/**
	 * The fields whose values are never strings (their schema {@code type} names only
	 * non-string types); an XLSX output writes their numbers as numeric cells.
	 */
	public List<String> nonTextFields() {
		return SchemaText.nonTextFields(schema);
	}

}
