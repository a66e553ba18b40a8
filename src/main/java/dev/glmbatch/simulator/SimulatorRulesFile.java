package dev.glmbatch.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

public final class SimulatorRulesFile {

	private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

	/**
	 * Binds the file strictly: unknown keys are errors, a number is not read from text
	 * nor a whole number from a fraction, and {@code true}/{@code false} only are flags.
	 * Durations and {@code thinking} have readers of their own.
	 */
	private static final YAMLMapper YAML = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
		.addModule(new SimpleModule("simulator-rules").addDeserializer(Duration.class, new DurationReader()))
		.addMixIn(SimulatorRule.Match.class, MatchKeys.class)
		.addMixIn(SimulatorRule.SlowDrip.class, SlowDripKeys.class)
		.build();

	private SimulatorRulesFile() {
	}

	/**
	 * Reads the rules of a file.
	 * @param file the YAML file
	 * @return the rules in file order
	 * @throws IllegalArgumentException naming the file and the offending key when the
	 * content is invalid
	 * @throws UncheckedIOException when the file cannot be read
	 */
	public static List<SimulatorRule> read(Path file) {
		return fromFile(file, SimulatorRulesFile::parse);
	}

	/**
	 * Parses rules from YAML text.
	 * @param yaml the document
	 * @return the rules in document order
	 * @throws IllegalArgumentException naming the offending key when the content is
	 * invalid
	 */
	public static List<SimulatorRule> parse(String yaml) {
		JsonNode root = tree(yaml);
		if (root == null || root.isMissingNode() || root.isNull()) {
			return List.of();
		}
		if (!root.isObject()) {
			throw new IllegalArgumentException("expected a mapping with a 'rules' list at the top");
		}
		return listOf(root, "rules", RulesDocument::rules, Entry::toRule);
	}

	/**
	 * Reads the {@code batches} list of a rules file: how the next batches end.
	 * @param file the YAML file
	 * @return the batch rules in file order; empty when the file has none
	 * @throws IllegalArgumentException naming the file and the offending key when the
	 * content is invalid
	 * @throws UncheckedIOException when the file cannot be read
	 */
	public static List<BatchRule> readBatchRules(Path file) {
		return fromFile(file, SimulatorRulesFile::parseBatchRules);
	}

	/**
	 * Parses the {@code batches} list of rules from YAML text.
	 * @param yaml the document
	 * @return the batch rules in document order
	 * @throws IllegalArgumentException naming the offending key when the content is
	 * invalid
	 */
	public static List<BatchRule> parseBatchRules(String yaml) {
		JsonNode root = tree(yaml);
		if (root == null || !root.isObject()) {
			return List.of();
		}
		return listOf(root, "batches", RulesDocument::batches, BatchEntry::toRule);
	}

	private static <T> List<T> fromFile(Path file, Function<String, List<T>> parser) {
		String yaml;
		try {
			yaml = Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read simulator rules file " + file, ex);
		}
		try {
			return parser.apply(yaml);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("simulator rules file " + file + ": " + ex.getMessage(), ex);
		}
	}

	private static @Nullable JsonNode tree(String yaml) {
		try {
			return YAML.readTree(yaml);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not valid YAML: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * One list of the document, each entry made a rule that knows its place, such as
	 * {@code rules[2]}, for its messages.
	 */
	private static <E, R> List<R> listOf(JsonNode root, String key, Function<RulesDocument, @Nullable List<E>> list,
			BiFunction<E, String, R> toRule) {
		List<E> entries;
		try {
			entries = Objects.requireNonNullElse(list.apply(YAML.treeToValue(root, RulesDocument.class)), List.of());
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(explain(ex, root), ex);
		}
		List<R> rules = new ArrayList<>();
		for (int index = 0; index < entries.size(); index++) {
			rules.add(toRule.apply(entries.get(index), key + "[" + index + "]"));
		}
		return List.copyOf(rules);
	}

	/**
	 * One line saying what is wrong and where, e.g.
	 * {@code rules[0].match.route must be zai or openai, was "grpc"}.
	 * @param root the document, to quote the value found at the place named
	 */
	private static String explain(JacksonException ex, JsonNode root) {
		String where = where(ex.getPath());
		JsonNode value = valueAt(root, ex.getPath());
		if (ex instanceof UnrecognizedPropertyException unknown) {
			String allowed = unknown.getKnownPropertyIds()
				.stream()
				.map(String::valueOf)
				.sorted()
				.collect(Collectors.joining(", "));
			return "unknown key " + where + "; allowed here: " + allowed;
		}
		Throwable refusal = ex.getCause();
		if (ex instanceof ValueInstantiationException && refusal != null) {
			// a record refused its values; its message names the key
			return (refusal instanceof NullPointerException) ? where + "." + refusal.getMessage() + " is required"
					: where + ": " + refusal.getMessage();
		}
		if (ex instanceof InvalidNullException) {
			// an empty item of the rules list
			return where + " must be a mapping";
		}
		if (ex instanceof MismatchedInputException && value.isMissingNode()) {
			return where + " is required";
		}
		Class<?> type = (ex instanceof MismatchedInputException mismatch) ? mismatch.getTargetType()
				: (ex instanceof InputCoercionException outOfRange) ? outOfRange.getTargetType() : null;
		if (type == null || type == Duration.class || where.endsWith(".thinking")) {
			// the readers below say what they expect themselves
			return where + " " + ex.getOriginalMessage() + ", was " + describe(value);
		}
		return where + " must be " + expected(type) + ", was " + describe(value);
	}

	private static JsonNode valueAt(JsonNode root, List<JacksonException.Reference> path) {
		JsonNode node = root;
		for (JacksonException.Reference reference : path) {
			node = (reference.getPropertyName() != null) ? node.path(reference.getPropertyName())
					: node.path(reference.getIndex());
		}
		return node;
	}

	private static String describe(JsonNode value) {
		if (value.isArray()) {
			return "a list";
		}
		return value.isObject() ? "a mapping" : value.toString();
	}

	private static String where(List<JacksonException.Reference> path) {
		StringBuilder where = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			if (reference.getPropertyName() != null) {
				where.append(where.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				where.append('[').append(reference.getIndex()).append(']');
			}
		}
		return where.toString();
	}

	private static String expected(Class<?> type) {
		if (type.isEnum()) {
			List<String> names = Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
				.toList();
			return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
		}
		if (List.class.isAssignableFrom(type)) {
			return "a list";
		}
		if (type == Integer.class || type == int.class) {
			return "a whole number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == String.class) {
			return "a text value";
		}
		return "a mapping";
	}

	/** The document: {@code rules} and {@code batches}. */
	private record RulesDocument(@JsonSetter(contentNulls = Nulls.FAIL) @Nullable List<Entry> rules,
			@JsonSetter(contentNulls = Nulls.FAIL) @Nullable List<BatchEntry> batches) {

	}

	/** A batch rule as written: {@code outcome} is required. */
	private record BatchEntry(BatchRule.@Nullable Outcome outcome, @Nullable Duration duration,
			@Nullable Integer times) {

		BatchRule toRule(String where) {
			if (outcome == null) {
				throw new IllegalArgumentException(where + ".outcome is required");
			}
			try {
				return new BatchRule(outcome, duration, times);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
			}
		}

	}

	/**
	 * A rule as written, before the defaults: {@code match} may be left out (any
	 * request), {@code respond} may not.
	 */
	private record Entry(SimulatorRule.@Nullable Match match, SimulatorRule.@Nullable Response respond,
			@Nullable Integer times) {

		SimulatorRule toRule(String where) {
			if (respond == null) {
				throw new IllegalArgumentException(where + ".respond is required");
			}
			try {
				return new SimulatorRule((match != null) ? match : SimulatorRule.Match.any(), respond, times);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(where + ": " + ex.getMessage(), ex);
			}
		}

	}

	/** {@code thinking} is also read from {@code enabled} and {@code disabled}. */
	private abstract static class MatchKeys {

		@JsonDeserialize(using = ThinkingReader.class)
		abstract @Nullable Boolean thinking();

	}

	/** A slow drip needs both its keys. */
	private abstract static class SlowDripKeys {

		@JsonProperty(required = true)
		abstract int bytes();

		@JsonProperty(required = true)
		abstract Duration pause();

	}

	/** {@code true}, {@code false}, {@code enabled} or {@code disabled}. */
	static final class ThinkingReader extends ValueDeserializer<Boolean> {

		@Override
		public Boolean deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
				return token == JsonToken.VALUE_TRUE;
			}
			String text = parser.getString();
			if ("enabled".equalsIgnoreCase(text)) {
				return Boolean.TRUE;
			}
			if ("disabled".equalsIgnoreCase(text)) {
				return Boolean.FALSE;
			}
			return context.reportInputMismatch(this, "must be enabled or disabled");
		}

	}

	/**
	 * {@code 250ms}, {@code 2s}, {@code 1m}, an ISO 8601 duration, or a whole number of
	 * milliseconds.
	 */
	static final class DurationReader extends ValueDeserializer<Duration> {

		@Override
		public Duration deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
				return Duration.ofMillis(parser.getLongValue());
			}
			String value = parser.getString().trim();
			Matcher shortForm = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
			if (shortForm.matches()) {
				long amount = Long.parseLong(shortForm.group(1));
				return switch (shortForm.group(2)) {
					case "ms" -> Duration.ofMillis(amount);
					case "s" -> Duration.ofSeconds(amount);
					default -> Duration.ofMinutes(amount);
				};
			}
			try {
				return Duration.parse(value);
			}
			catch (DateTimeParseException ex) {
				return context.reportInputMismatch(this, "must be a duration such as 250ms, 2s, 1m or PT2S");
			}
		}

	}

}
