package dev.glmbatch.jobdef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Reads YAML text into a {@link YamlNode} tree that keeps the line of every key and item.
 * <p>
 * Streams Jackson tokens rather than reading a {@code JsonNode} tree, because only the
 * token stream knows where each value was written. Also reports what Jackson accepts
 * silently but a job file must not contain: duplicate keys (Jackson keeps the last),
 * aliases (Jackson yields the anchor's name as text) and further documents. Thread-safe.
 */
final class YamlTreeReader {

	private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

	private static final Pattern MARK = Pattern.compile("line (\\d+), column (\\d+)");

	private YamlTreeReader() {
	}

	/**
	 * Parses {@code content}; returns the root, or {@code null} when the text holds no
	 * document or is not valid YAML, in which case {@code problems} says why.
	 */
	static @Nullable YamlNode read(String content, Problems problems) {
		try (JsonParser parser = MAPPER.createParser(content)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				problems.add("", 0, "the job file is empty (or holds only comments)",
						"write a job definition; the smallest one names input.path, task.type, task.columns, "
								+ "task.to and output.path");
				return null;
			}
			YamlNode root = readValue(parser, "", lineOf(parser), problems);
			if (parser.nextToken() != null) {
				problems.add("", lineOf(parser), "the file holds more than one YAML document (a second '---')",
						"keep one job per file: move the second document to a file of its own");
			}
			return root;
		}
		catch (JacksonException ex) {
			problems.add(syntaxProblem(ex));
			return null;
		}
	}

	private static YamlNode readValue(JsonParser parser, String path, int line, Problems problems) {
		JsonToken token = parser.currentToken();
		if (token == JsonToken.START_OBJECT) {
			return readMap(parser, path, line, problems);
		}
		if (token == JsonToken.START_ARRAY) {
			return readList(parser, path, line, problems);
		}
		YamlScalar scalar = new YamlScalar(path, line, (token == JsonToken.VALUE_NULL) ? "" : parser.getString(),
				kindOf(token));
		if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
			problems.add(scalar, "YAML aliases (*" + scalar.text() + ") are not supported in job files",
					"write the value out in full instead of referring to an anchor");
		}
		return scalar;
	}

	private static YamlMap readMap(JsonParser parser, String path, int line, Problems problems) {
		Map<String, YamlNode> entries = new LinkedHashMap<>();
		Map<String, Integer> keyLines = new HashMap<>();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String key = parser.currentName();
			int keyLine = lineOf(parser);
			parser.nextToken();
			YamlNode value = readValue(parser, YamlNode.childPath(path, key), keyLine, problems);
			if (entries.containsKey(key)) {
				problems.add(value, "the key '" + key + "' is written twice (first at line " + keyLines.get(key) + ")",
						"keep only one of them");
			}
			else {
				entries.put(key, value);
				keyLines.put(key, keyLine);
			}
		}
		return new YamlMap(path, line, entries);
	}

	private static YamlList readList(JsonParser parser, String path, int line, Problems problems) {
		List<YamlNode> items = new ArrayList<>();
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			items.add(readValue(parser, YamlNode.itemPath(path, items.size()), lineOf(parser), problems));
		}
		return new YamlList(path, line, items);
	}

	private static YamlScalar.Kind kindOf(JsonToken token) {
		return switch (token) {
			case VALUE_NUMBER_INT -> YamlScalar.Kind.INTEGER;
			case VALUE_NUMBER_FLOAT -> YamlScalar.Kind.DECIMAL;
			case VALUE_TRUE, VALUE_FALSE -> YamlScalar.Kind.BOOLEAN;
			case VALUE_NULL -> YamlScalar.Kind.NULL;
			default -> YamlScalar.Kind.TEXT;
		};
	}

	private static int lineOf(JsonParser parser) {
		return Math.max(parser.currentTokenLocation().getLineNr(), 0);
	}

	/**
	 * The syntax error located by the YAML parser's own mark, the last one in its message
	 * (earlier ones locate the enclosing construct): Jackson's location can lag behind,
	 * at the end of the previous token. The explanation leaves out the quoted source
	 * lines, which may echo a secret pasted into the file.
	 */
	private static JobFileProblem syntaxProblem(JacksonException ex) {
		String message = Objects.requireNonNullElse(ex.getOriginalMessage(), "");
		int line = 0;
		int column = 0;
		Matcher mark = MARK.matcher(message);
		while (mark.find()) {
			line = Integer.parseInt(mark.group(1));
			column = Integer.parseInt(mark.group(2));
		}
		TokenStreamLocation location = ex.getLocation();
		if (line == 0 && location != null) {
			line = Math.max(location.getLineNr(), 0);
			column = Math.max(location.getColumnNr(), 0);
		}
		String reason = message.lines()
			.filter((text) -> !text.isBlank() && !Character.isWhitespace(text.charAt(0)))
			.map(String::strip)
			.collect(Collectors.joining("; "));
		return new JobFileProblem("", line, column,
				"invalid YAML: " + (reason.isEmpty() ? "the text cannot be parsed" : reason),
				"check the indentation (spaces, not tabs) and put quotes around values that contain ': ', "
						+ "start with one of , [ ] { } | > * & ! % @ or are meant as text");
	}

}
