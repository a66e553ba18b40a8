package dev.glmbatch.jobdef;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and checks the {@code schema} of a task ({@code generate}, {@code extract}): written as a YAML mapping or as
 * a string of JSON, it must be an object schema with properties, each a usable output column, that a validator can
 * compile.
 */
final class SchemaText {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String FIX = "write a JSON Schema for an object, as YAML (schema: {type: object, properties: "
			+ "{title: {type: string}}, required: [title]}) or as JSON text (schema: '{\"type\": \"object\", "
			+ "\"properties\": {\"title\": {\"type\": \"string\"}}}')";

	private SchemaText() {
	}

	/**
	 * A checked schema.
	 *
	 * @param json the schema as JSON text: as written when written as text, compact when written as YAML
	 * @param fields its top-level property names, in order
	 */
	record Checked(String json, List<String> fields) {

		Checked {
			fields = List.copyOf(fields);
		}

	}

	/**
	 * The schema under {@code key} of a task section, as a YAML mapping or a JSON string; {@code null} when absent
	 * (a problem if required) or after reporting what is wrong with it.
	 */
	static @Nullable Checked bind(YamlSection task, String key, boolean required, Problems problems) {
		String example = "schema: {type: object, properties: {title: {type: string}}, required: [title]}";
		YamlNode node = task.node(key);
		String schema;
		if (node instanceof YamlMap map) {
			schema = json.writeValueAsString(toJson(map));
		}
		else {
			// absent, or one value: the text of a JSON schema, with the usual problems when missing or not text
			schema = task.text(key, required, example);
			if (schema == null || node == null) {
				return null;
			}
		}
		List<String> fields = fields(schema, node, problems);
		return (fields != null) ? new Checked(schema, fields) : null;
	}

	/** The JSON value a YAML node stands for: numbers, booleans and nulls keep their types. */
	static JsonNode toJson(YamlNode node) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		if (node instanceof YamlMap map) {
			ObjectNode object = nodes.objectNode();
			for (Map.Entry<String, YamlNode> entry : map.entries().entrySet()) {
				object.set(entry.getKey(), toJson(entry.getValue()));
			}
			return object;
		}
		if (node instanceof YamlList list) {
			ArrayNode array = nodes.arrayNode();
			list.items().forEach(item -> array.add(toJson(item)));
			return array;
		}
		YamlScalar scalar = (YamlScalar) node;
		try {
			return switch (scalar.kind()) {
				case NULL -> nodes.nullNode();
				case BOOLEAN -> nodes.booleanNode(Boolean.parseBoolean(scalar.text().strip()));
				case INTEGER -> nodes.numberNode(new BigInteger(scalar.text().strip().replace("_", "")));
				case DECIMAL -> nodes.numberNode(new BigDecimal(scalar.text().strip().replace("_", "")));
				case TEXT -> nodes.stringNode(scalar.text());
			};
		}
		catch (NumberFormatException ex) {
			// a YAML-only spelling (0x1F, .inf): JSON has no such number, so it stays as written
			return nodes.stringNode(scalar.text());
		}
	}

	/** The schema's top-level property names in order; {@code null} after reporting what is wrong. */
	static @Nullable List<String> fields(String schema, YamlNode at, Problems problems) {
		String fix = FIX;
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
