package dev.glmbatch.jobdef;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Binds the JSON Schema of a task that answers in JSON ({@code generate}, and any task
 * that reuses this), written in one of three forms:
 * <ul>
 * <li>{@code schema:} as a YAML mapping, what people write in a YAML file;</li>
 * <li>{@code schema: '{"type": "object", ...}'}, the JSON text;</li>
 * <li>{@code schema-file: schemas/teaser.json}, a JSON (or {@code .yaml}/{@code .yml})
 * file, relative to the job file's folder.</li>
 * </ul>
 * The schema is checked against the JSON Schema meta-schema of its dialect (draft 2020-12
 * unless it names another in {@code $schema}) before any call is made: a schema the
 * validator would accept silently but that can never be what was meant
 * ({@code "type": "int"}) would otherwise reject every answer only after every row was
 * paid for. Each problem names the line where it was written.
 */
final class SchemaText {

	/** The keys a task section uses for its schema; at most one of them. */
	static final String KEY = "schema";

	static final String FILE_KEY = "schema-file";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final YAMLMapper yaml = YAMLMapper.builder().build();

	private static final List<String> TYPES = List.of("string", "number", "integer", "boolean", "object", "array",
			"null");

	/**
	 * What people write for a JSON Schema type from other languages, and the type they
	 * mean.
	 */
	private static final Map<String, String> TYPE_ALIASES = Map.ofEntries(Map.entry("int", "integer"),
			Map.entry("long", "integer"), Map.entry("float", "number"), Map.entry("double", "number"),
			Map.entry("decimal", "number"), Map.entry("bool", "boolean"), Map.entry("str", "string"),
			Map.entry("text", "string"), Map.entry("list", "array"), Map.entry("dict", "object"),
			Map.entry("map", "object"));

	private static final int LISTED_PROBLEMS = 5;

	private static final String FIX = "write a JSON Schema for an object, e.g. schema: {type: object, properties: "
			+ "{title: {type: string}}, required: [title]}";

	private SchemaText() {
	}

	/**
	 * A bound schema.
	 *
	 * @param json the schema as JSON text: as written for JSON text, compact JSON for a
	 * mapping or a file
	 * @param fields the schema's top-level property names in order, each an output column
	 */
	record Schema(String json, List<String> fields) {

		Schema {
			Objects.requireNonNull(json, "json");
			fields = List.copyOf(fields);
		}

	}

	/**
	 * The properties of a bound schema whose values are never strings: those whose
	 * {@code type} names only non-string types. Their values are JSON (numbers, booleans,
	 * objects, arrays) and keep that type in a JSON output.
	 */
	static List<String> nonTextFields(String schemaJson) {
		JsonNode properties = json.readTree(schemaJson).path("properties");
		List<String> fields = new ArrayList<>();
		for (String field : properties.propertyNames()) {
			JsonNode type = properties.path(field).path("type");
			boolean typed = type.isString() || (type.isArray() && !type.isEmpty());
			boolean text = type.isString() ? type.asString().equals("string")
					: type.valueStream().anyMatch((item) -> item.asString("").equals("string"));
			if (typed && !text) {
				fields.add(field);
			}
		}
		return List.copyOf(fields);
	}

	/** Whether the section names a schema in any form. */
	static boolean present(YamlSection task) {
		return task.has(KEY) || task.has(FILE_KEY);
	}

	/**
	 * The schema of {@code task} ({@code schema} or {@code schema-file}); no value when
	 * there is none.
	 */
	static Bound<Schema> bind(YamlSection task, JobFolder folder) {
		if (task.has(KEY) && task.has(FILE_KEY)) {
			return task.invalid(FILE_KEY, "both schema and schema-file are given",
					"keep one: the schema written in the job file, or schema-file: naming a file that holds it");
		}
		if (task.has(FILE_KEY)) {
			return fromFile(task, folder);
		}
		YamlNode node = task.node(KEY);
		if (node == null) {
			return Bound.absent();
		}
		if (node instanceof YamlMap map) {
			return check(toJson(map), new InlineYaml(map), node, task);
		}
		if (node instanceof YamlList) {
			return task.invalid(node, "expected a schema (a mapping, or JSON text) but found a list", FIX);
		}
		return task.text(KEY, "schema: {type: object, properties: {title: {type: string}}}")
			.then((text) -> fromText(task, node, text));
	}

	private static Bound<Schema> fromText(YamlSection task, YamlNode node, String text) {
		JsonNode root;
		try {
			root = json.readTree(text);
		}
		catch (JacksonException ex) {
			return task.invalid(node, "the schema is not valid JSON: " + ex.getOriginalMessage(),
					"write it as a YAML mapping under schema:, or as JSON text in single quotes; " + FIX);
		}
		// a literal block (schema: |) starts on the line after the key and keeps its line
		// breaks
		int firstLine = text.contains("\n") ? node.line() + 1 : node.line();
		// JSON text is kept as written: the prompt quotes it, and a resumed run finds its
		// answers under the same prompt
		return check(root, new JsonLines(json, text, firstLine, ""), node, task)
			.map((bound) -> new Schema(text, bound.fields()));
	}

	private static Bound<Schema> fromFile(YamlSection task, JobFolder folder) {
		YamlNode node = task.nodeOrSelf(FILE_KEY);
		return task.text(FILE_KEY, "schema-file: schemas/teaser.json")
			.then((written) -> folder.resolve(written, node, task).then((file) -> fromFile(task, node, written, file)));
	}

	private static Bound<Schema> fromFile(YamlSection task, YamlNode node, String written, Path file) {
		String extension = Extensions.of(written).toLowerCase(Locale.ROOT);
		boolean yamlFile = extension.equals("yaml") || extension.equals("yml");
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (NoSuchFileException ex) {
			return task.invalid(node, "the schema file " + file + " does not exist",
					"check the path; it is relative to the job file's folder");
		}
		catch (IOException ex) {
			return task.invalid(node, "the schema file " + file + " cannot be read: " + ex.getMessage(),
					"check that it is a readable UTF-8 text file");
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		JsonNode root;
		try {
			root = (yamlFile ? yaml : json).readTree(text);
		}
		catch (JacksonException ex) {
			return task.invalid(node, "the schema file " + file + " is not valid " + (yamlFile ? "YAML" : "JSON") + ": "
					+ ex.getOriginalMessage(), "fix the file; " + FIX);
		}
		return check(root, new JsonLines(yamlFile ? yaml : json, text, 1, "in " + file + " "), node, task);
	}

	/** Meta-schema first, then what makes a schema usable for output columns. */
	private static Bound<Schema> check(@Nullable JsonNode root, Lines lines, YamlNode at, YamlSection task) {
		if (root == null || !root.isObject()) {
			return task.invalid(at, "the schema must be a JSON object (a mapping), not " + describe(root), FIX);
		}
		List<JobFileProblem> metaSchemaProblems = metaSchemaProblems(root, lines, at, task);
		if (!metaSchemaProblems.isEmpty()) {
			return Bound.invalid(metaSchemaProblems);
		}
		if (!"object".equals(root.path("type").asString("")) || !root.path("properties").isObject()
				|| root.path("properties").isEmpty()) {
			return task.invalid(at, "the schema must describe an object with at least one property (type: object, "
					+ "properties: {...}); each property becomes an output column", FIX);
		}
		String text = json.writeValueAsString(root);
		try {
			SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
				.getSchema(text, InputFormat.JSON)
				.validate("{}", InputFormat.JSON);
		}
		catch (RuntimeException ex) {
			return task.invalid(at, "the schema cannot be compiled: " + ex.getMessage(), FIX);
		}
		List<String> fields = new ArrayList<>(root.path("properties").propertyNames());
		for (String field : fields) {
			if (!field.matches("[A-Za-z_][A-Za-z0-9_]{0,63}")) {
				return task.invalid(at, "the property '" + field + "' cannot be an output column name",
						"use letters, digits and _ only, starting with a letter or _");
			}
		}
		return Bound.of(new Schema(text, fields));
	}

	/**
	 * Validates {@code root} against the meta-schema of its dialect, reporting each wrong
	 * place once (the meta-schema's alternatives yield several errors for one mistake) at
	 * the line where it was written; returns the problems reported, none when the schema
	 * conforms.
	 */
	private static List<JobFileProblem> metaSchemaProblems(JsonNode root, Lines lines, YamlNode at, YamlSection task) {
		SpecificationVersion version;
		try {
			version = SpecificationVersion.fromSchemaNode(root).orElse(SpecificationVersion.DRAFT_2020_12);
		}
		catch (RuntimeException ex) {
			return List.of(task.report(lines.locate(at, List.of("$schema")),
					lines.where(List.of("$schema")) + "'" + root.path("$schema").asString("")
							+ "' is not a JSON Schema dialect this validator knows",
					"remove $schema to use draft 2020-12, or name draft-04, -06, -07, 2019-09 or 2020-12"));
		}
		List<Error> errors = SchemaRegistry.withDefaultDialect(version)
			.getSchema(SchemaLocation.of(version.getDialectId()))
			.validate(root);
		Map<List<Object>, List<Error>> byPlace = new LinkedHashMap<>();
		for (Error error : errors) {
			byPlace.computeIfAbsent(segments(error.getInstanceLocation()), (key) -> new ArrayList<>()).add(error);
		}
		List<JobFileProblem> reported = new ArrayList<>();
		for (Map.Entry<List<Object>, List<Error>> place : byPlace.entrySet()) {
			if (reported.size() == LISTED_PROBLEMS) {
				break;
			}
			List<Object> segments = place.getKey();
			reported.add(task.report(lines.locate(at, segments),
					lines.where(segments) + explain(segments, place.getValue()), fix(segments, place.getValue())));
		}
		return reported;
	}

	private static String explain(List<Object> segments, List<Error> errors) {
		Error first = errors.get(0);
		JsonNode value = first.getInstanceNode();
		boolean typeKeyword = !segments.isEmpty() && "type".equals(segments.get(segments.size() - 1));
		if (typeKeyword && value != null && value.isString()) {
			return "\"" + value.asString() + "\" is not a valid type";
		}
		if (typeKeyword && value != null && value.isNull()) {
			return "type has no value (YAML reads an unquoted null as nothing)";
		}
		Error chosen = errors.stream().filter((error) -> "enum".equals(error.getKeyword())).findFirst().orElse(first);
		return "the schema does not conform to JSON Schema: " + chosen.getMessage();
	}

	private static String fix(List<Object> segments, List<Error> errors) {
		boolean typeKeyword = !segments.isEmpty() && "type".equals(segments.get(segments.size() - 1));
		JsonNode value = errors.get(0).getInstanceNode();
		if (typeKeyword && value != null && value.isNull()) {
			return "write type: \"null\" in quotes, or one of: " + String.join(", ", TYPES);
		}
		if (typeKeyword) {
			String written = (value != null && value.isString()) ? value.asString().strip().toLowerCase(Locale.ROOT)
					: "";
			String meant = TYPE_ALIASES.getOrDefault(written, ClosestName.among(written, TYPES));
			return ((meant != null) ? "write type: " + meant + "; " : "") + "the valid types are "
					+ String.join(", ", TYPES) + " (or a list of them)";
		}
		return "correct the keyword's value as the JSON Schema specification (draft 2020-12) defines it";
	}

	private static List<Object> segments(NodePath path) {
		List<Object> segments = new ArrayList<>();
		for (int index = 0; index < path.getNameCount(); index++) {
			segments.add(path.getElement(index));
		}
		return List.copyOf(segments);
	}

	private static String describe(@Nullable JsonNode node) {
		if (node == null || node.isNull()) {
			return "nothing";
		}
		if (node.isArray()) {
			return "a list";
		}
		return "the value " + node;
	}

	/**
	 * The YAML mapping as JSON: numbers, booleans and nulls keep the kind the YAML parser
	 * gave them.
	 */
	private static JsonNode toJson(YamlNode node) {
		JsonNodeFactory nodes = JsonNodeFactory.instance;
		if (node instanceof YamlMap map) {
			ObjectNode object = nodes.objectNode();
			map.entries().forEach((key, value) -> object.set(key, toJson(value)));
			return object;
		}
		if (node instanceof YamlList list) {
			ArrayNode array = nodes.arrayNode();
			list.items().forEach((item) -> array.add(toJson(item)));
			return array;
		}
		YamlScalar scalar = (YamlScalar) node;
		String text = scalar.text().strip();
		return switch (scalar.kind()) {
			case NULL -> nodes.nullNode();
			case BOOLEAN -> nodes.booleanNode(Boolean.parseBoolean(text));
			case INTEGER -> integer(text, scalar.text());
			case DECIMAL -> decimal(text, scalar.text());
			case TEXT -> nodes.stringNode(scalar.text());
		};
	}

	private static JsonNode integer(String digits, String asWritten) {
		try {
			return JsonNodeFactory.instance.numberNode(new BigInteger(digits.replace("_", "").replace("+", "")));
		}
		catch (NumberFormatException ex) {
			return JsonNodeFactory.instance.stringNode(asWritten);
		}
	}

	private static JsonNode decimal(String digits, String asWritten) {
		try {
			return JsonNodeFactory.instance.numberNode(new BigDecimal(digits.replace("_", "").replace("+", "")));
		}
		catch (NumberFormatException ex) {
			return JsonNodeFactory.instance.stringNode(asWritten);
		}
	}

	/**
	 * Where a place in the schema was written: a line of the job file and words naming
	 * the place.
	 */
	private interface Lines {

		/**
		 * A node at the place's line (the schema's own when the place cannot be found).
		 */
		YamlNode locate(YamlNode schema, List<Object> segments);

		/**
		 * A prefix naming the place within the schema, e.g.
		 * {@code at /properties/priority/type: }.
		 */
		String where(List<Object> segments);

	}

	/**
	 * A schema written as a YAML mapping in the job file: every place has its own line
	 * there.
	 */
	private record InlineYaml(YamlMap root) implements Lines {

		@Override
		public YamlNode locate(YamlNode schema, List<Object> segments) {
			YamlNode node = root;
			for (Object segment : segments) {
				YamlNode next = null;
				if (node instanceof YamlMap map && segment instanceof String key) {
					next = map.entries().get(key);
				}
				else if (node instanceof YamlList list && segment instanceof Integer index
						&& index < list.items().size()) {
					next = list.items().get(index);
				}
				if (next == null) {
					break;
				}
				node = next;
			}
			return node;
		}

		@Override
		public String where(List<Object> segments) {
			return "";
		}

	}

	/**
	 * A schema written as JSON (or YAML) text: the place's line within the text, found by
	 * streaming its tokens, is moved to the job file's line where the text starts (or
	 * kept as the line of the schema file).
	 */
	private record JsonLines(ObjectMapper mapper, String text, int firstLine, String source) implements Lines {

		@Override
		public YamlNode locate(YamlNode schema, List<Object> segments) {
			if (!source.isEmpty()) {
				return schema;
			}
			int line = lineWithinText(segments);
			return (line > 0) ? new YamlScalar(schema.path(), firstLine + line - 1, "", YamlScalar.Kind.NULL) : schema;
		}

		@Override
		public String where(List<Object> segments) {
			StringBuilder pointer = new StringBuilder();
			segments.forEach((segment) -> pointer.append('/').append(segment));
			String at = segments.isEmpty() ? "at the top" : "at " + pointer;
			int line = source.isEmpty() ? 0 : lineWithinText(segments);
			return source + at + ((line > 0) ? " (line " + line + ")" : "") + ": ";
		}

		private int lineWithinText(List<Object> segments) {
			StringBuilder pointer = new StringBuilder();
			segments.forEach((segment) -> pointer.append('/')
				.append(String.valueOf(segment).replace("~", "~0").replace("/", "~1")));
			String target = pointer.toString();
			try (JsonParser parser = mapper.createParser(text)) {
				JsonToken token;
				while ((token = parser.nextToken()) != null) {
					if (token == JsonToken.PROPERTY_NAME) {
						continue;
					}
					if (parser.streamReadContext().pathAsPointer().toString().equals(target) || (token.isStructStart()
							&& parser.streamReadContext().getParent() != null
							&& parser.streamReadContext().getParent().pathAsPointer().toString().equals(target))) {
						return Math.max(parser.currentTokenLocation().getLineNr(), 0);
					}
				}
			}
			catch (JacksonException ex) {
				return 0;
			}
			return 0;
		}

	}

}
