package dev.glmbatch.task;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict parsing of a JSON-mode answer: one object, optionally inside a Markdown code
 * fence, nothing else. Numbers with a fraction are kept as written ({@code 24.90} stays
 * {@code 24.90}), not turned into binary floating point.
 */
final class JsonAnswer {

	private static final JsonMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		.build();

	private static final Pattern FENCE = Pattern.compile("\\A```[A-Za-z0-9_-]*[ \\t]*\\R(.*?)\\R?```\\z",
			Pattern.DOTALL);

	private JsonAnswer() {
	}

	/** The answer's object, or a {@code not_json} failure. */
	static CheckedAnswer<JsonNode> parseObject(String content) {
		String text = stripFence(content.strip());
		if (text.isEmpty()) {
			return CheckedAnswer.failed("empty", "the answer is empty; answer with one JSON object");
		}
		JsonNode node;
		try {
			node = json.readTree(text);
		}
		catch (JacksonException ex) {
			return CheckedAnswer.failed("not_json",
					"the answer is not one valid JSON object (" + ex.getOriginalMessage() + ")");
		}
		if (node == null || !node.isObject()) {
			return CheckedAnswer.failed("not_json", "the answer must be one JSON object, not "
					+ ((node == null) ? "nothing" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
		}
		return CheckedAnswer.passed(node);
	}

	static String stripFence(String text) {
		Matcher matcher = FENCE.matcher(text);
		return matcher.matches() ? matcher.group(1).strip() : text;
	}

	static String write(@Nullable JsonNode node) {
		return (node == null) ? "" : json.writeValueAsString(node);
	}

}
