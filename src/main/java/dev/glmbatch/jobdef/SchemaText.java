package dev.glmbatch.jobdef;

import java.util.ArrayList;
import java.util.List;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks the {@code schema} of a {@code generate} task: JSON, an object schema, and one a validator can compile. */
final class SchemaText {

	private static final JsonMapper json = JsonMapper.builder().build();

	private SchemaText() {
	}

	/** The schema's top-level property names in order; {@code null} after reporting what is wrong. */
	static @Nullable List<String> fields(String schema, YamlNode at, Problems problems) {
		String fix = "write a JSON Schema for an object, e.g. schema: '{\"type\": \"object\", \"properties\": "
				+ "{\"title\": {\"type\": \"string\"}}, \"required\": [\"title\"]}'";
		JsonNode root;
		try {
			root = json.readTree(schema);
		}
		catch (JacksonException ex) {
			problems.add(at, "the schema is not valid JSON: " + ex.getOriginalMessage(), fix);
			return null;
		}
		if (root == null || !root.isObject() || !"object".equals(root.path("type").asString(""))
				|| !root.path("properties").isObject() || root.path("properties").isEmpty()) {
			problems.add(at, "the schema must describe an object with at least one property (type: object, "
					+ "properties: {...}); each property becomes an output column", fix);
			return null;
		}
		try {
			SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
				.getSchema(schema, InputFormat.JSON)
				.validate("{}", InputFormat.JSON);
		}
		catch (RuntimeException ex) {
			problems.add(at, "the schema cannot be compiled: " + ex.getMessage(), fix);
			return null;
		}
		List<String> fields = new ArrayList<>(root.path("properties").propertyNames());
		for (String field : fields) {
			if (!field.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
				problems.add(at, "the property '" + field + "' cannot be an output column name",
						"use letters, digits and _ only, starting with a letter or _");
				return null;
			}
		}
		return fields;
	}

}
