package dev.glmbatch.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads {@link SimulatorRule}s from YAML, the format of the simulator's {@code --rules FILE}.
 *
 * <p>
 * The file holds a top-level {@code rules:} list; rules apply in file order, after any rule added in code. Every key
 * is optional except {@code respond}; unknown keys are errors, so a typo cannot silently disable a rule.
 *
 * <pre>{@code
 * rules:
 *   - match:                        # all criteria optional; omitted = any
 *       contains: "Target language: Klingon"   # substring of any message content
 *       model: glm-4.5-air
 *       thinking: enabled           # enabled | disabled (true | false also work)
 *       route: zai                  # zai | openai
 *     respond:
 *       content: "nuqneH"           # answer text (replaces the generated one)
 *       reasoning: "..."            # reasoning text, sent only when thinking is enabled
 *       finishReason: length        # stop | length | sensitive | network_error | ...
 *       httpStatus: 429             # an error status; with code, sends the route's error body
 *       code: "1302"                # business code; status derived when httpStatus is omitted
 *       latency: 2s                 # time to first token: 250ms, 2s, 1m, PT2S, or a number of milliseconds
 *       dropConnection: true        # close the connection without a response
 *       slowDrip: {bytes: 16, pause: 100ms}  # trickle the response
 *       malformedSse: true          # one unparsable data: line mid-stream
 *       retryAfter: "3"             # Retry-After header value
 *       toolCall: content           # a request offering a function: string (default) | object | content | invalid
 *     times: 2                      # apply to the first 2 matches only; omitted = always
 * }</pre>
 */
public final class SimulatorRulesFile {

	private static final Set<String> RULE_KEYS = Set.of("match", "respond", "times");

	private static final Set<String> MATCH_KEYS = Set.of("contains", "model", "thinking", "route");

	private static final Set<String> RESPOND_KEYS = Set.of("content", "reasoning", "finishReason", "httpStatus", "code",
			"latency", "dropConnection", "slowDrip", "malformedSse", "retryAfter", "toolCall");

	private static final Set<String> DRIP_KEYS = Set.of("bytes", "pause");

	private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m)");

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private SimulatorRulesFile() {
	}

	/**
	 * Reads the rules of a file.
	 * @param file the YAML file
	 * @return the rules in file order
	 * @throws IllegalArgumentException naming the file and the offending key when the content is invalid
	 * @throws UncheckedIOException when the file cannot be read
	 */
	public static List<SimulatorRule> read(Path file) {
		String yaml;
		try {
			yaml = Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read simulator rules file " + file, ex);
		}
		try {
			return parse(yaml);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("simulator rules file " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Parses rules from YAML text.
	 * @param yaml the document
	 * @return the rules in document order
	 * @throws IllegalArgumentException naming the offending key when the content is invalid
	 */
	public static List<SimulatorRule> parse(String yaml) {
		JsonNode root;
		try {
			root = YAML.readTree(yaml);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("not valid YAML: " + ex.getOriginalMessage(), ex);
		}
		if (root == null || root.isMissingNode() || root.isNull()) {
			return List.of();
		}
		if (!root.isObject()) {
			throw new IllegalArgumentException("expected a mapping with a 'rules' list at the top");
		}
		checkKeys(root, Set.of("rules"), "");
		JsonNode rules = root.get("rules");
		if (rules == null || rules.isNull()) {
			return List.of();
		}
		if (!rules.isArray()) {
			throw new IllegalArgumentException("'rules' must be a list");
		}
		List<SimulatorRule> result = new ArrayList<>();
		for (int i = 0; i < rules.size(); i++) {
			result.add(rule(rules.get(i), "rules[" + i + "]"));
		}
		return List.copyOf(result);
	}

	private static SimulatorRule rule(JsonNode node, String path) {
		requireObject(node, path);
		checkKeys(node, RULE_KEYS, path);
		JsonNode respond = node.get("respond");
		if (respond == null || respond.isNull()) {
			throw new IllegalArgumentException(path + ".respond is required");
		}
		try {
			return new SimulatorRule(match(node.get("match"), path + ".match"),
					response(respond, path + ".respond"), integer(node.get("times"), path + ".times"));
		}
		catch (IllegalArgumentException ex) {
			if (ex.getMessage() != null && ex.getMessage().startsWith(path)) {
				throw ex;
			}
			throw new IllegalArgumentException(path + ": " + ex.getMessage(), ex);
		}
	}

	private static SimulatorRule.Match match(@Nullable JsonNode node, String path) {
		if (node == null || node.isNull()) {
			return SimulatorRule.Match.any();
		}
		requireObject(node, path);
		checkKeys(node, MATCH_KEYS, path);
		return new SimulatorRule.Match(text(node.get("contains"), path + ".contains"),
				text(node.get("model"), path + ".model"), thinking(node.get("thinking"), path + ".thinking"),
				route(node.get("route"), path + ".route"));
	}

	private static SimulatorRule.Response response(JsonNode node, String path) {
		requireObject(node, path);
		checkKeys(node, RESPOND_KEYS, path);
		return new SimulatorRule.Response(text(node.get("content"), path + ".content"),
				text(node.get("reasoning"), path + ".reasoning"),
				text(node.get("finishReason"), path + ".finishReason"),
				integer(node.get("httpStatus"), path + ".httpStatus"), text(node.get("code"), path + ".code"),
				duration(node.get("latency"), path + ".latency"),
				flag(node.get("dropConnection"), path + ".dropConnection"),
				slowDrip(node.get("slowDrip"), path + ".slowDrip"),
				flag(node.get("malformedSse"), path + ".malformedSse"),
				text(node.get("retryAfter"), path + ".retryAfter"), toolCall(node.get("toolCall"), path + ".toolCall"));
	}

	private static SimulatorRule.@Nullable ToolCallStyle toolCall(@Nullable JsonNode node, String path) {
		if (node == null || node.isNull()) {
			return null;
		}
		String value = node.asString().strip().toLowerCase(Locale.ROOT);
		return switch (value) {
			case "string" -> SimulatorRule.ToolCallStyle.STRING;
			case "object" -> SimulatorRule.ToolCallStyle.OBJECT;
			case "content" -> SimulatorRule.ToolCallStyle.CONTENT;
			case "invalid" -> SimulatorRule.ToolCallStyle.INVALID;
			default -> throw new IllegalArgumentException(
					path + " must be string, object, content or invalid, was " + node);
		};
	}

	private static SimulatorRule.@Nullable SlowDrip slowDrip(@Nullable JsonNode node, String path) {
		if (node == null || node.isNull()) {
			return null;
		}
		requireObject(node, path);
		checkKeys(node, DRIP_KEYS, path);
		Integer bytes = integer(node.get("bytes"), path + ".bytes");
		Duration pause = duration(node.get("pause"), path + ".pause");
		if (bytes == null || pause == null) {
			throw new IllegalArgumentException(path + " needs both 'bytes' and 'pause'");
		}
		return new SimulatorRule.SlowDrip(bytes, pause);
	}

	private static @Nullable String text(@Nullable JsonNode node, String path) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isString() || node.isNumber() || node.isBoolean()) {
			return node.asString();
		}
		throw new IllegalArgumentException(path + " must be a text value");
	}

	private static @Nullable Integer integer(@Nullable JsonNode node, String path) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isIntegralNumber() && node.canConvertToInt()) {
			return node.intValue();
		}
		throw new IllegalArgumentException(path + " must be a whole number, was " + node);
	}

	private static boolean flag(@Nullable JsonNode node, String path) {
		if (node == null || node.isNull()) {
			return false;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		throw new IllegalArgumentException(path + " must be true or false, was " + node);
	}

	private static @Nullable Boolean thinking(@Nullable JsonNode node, String path) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isBoolean()) {
			return node.booleanValue();
		}
		String value = node.asString().toLowerCase(Locale.ROOT);
		return switch (value) {
			case "enabled" -> Boolean.TRUE;
			case "disabled" -> Boolean.FALSE;
			default -> throw new IllegalArgumentException(path + " must be enabled or disabled, was " + node);
		};
	}

	private static SimulatorRule.@Nullable Route route(@Nullable JsonNode node, String path) {
		if (node == null || node.isNull()) {
			return null;
		}
		String value = node.asString().toLowerCase(Locale.ROOT);
		return switch (value) {
			case "zai" -> SimulatorRule.Route.ZAI;
			case "openai" -> SimulatorRule.Route.OPENAI;
			default -> throw new IllegalArgumentException(path + " must be zai or openai, was " + node);
		};
	}

	private static @Nullable Duration duration(@Nullable JsonNode node, String path) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isIntegralNumber()) {
			return Duration.ofMillis(node.longValue());
		}
		String value = node.asString().trim();
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
			throw new IllegalArgumentException(
					path + " must be a duration such as 250ms, 2s, 1m or PT2S, was '" + value + "'", ex);
		}
	}

	private static void requireObject(JsonNode node, String path) {
		if (!node.isObject()) {
			throw new IllegalArgumentException(path + " must be a mapping");
		}
	}

	private static void checkKeys(JsonNode node, Set<String> allowed, String path) {
		for (Map.Entry<String, JsonNode> property : node.properties()) {
			if (!allowed.contains(property.getKey())) {
				String where = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
				throw new IllegalArgumentException("unknown key " + where + "; allowed here: "
						+ String.join(", ", allowed.stream().sorted().toList()));
			}
		}
	}

}
