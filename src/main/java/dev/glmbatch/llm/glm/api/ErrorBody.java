package dev.glmbatch.llm.glm.api;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An error reported in a response body, whatever shape the server chose. Accepted shapes:
 * <ul>
 * <li>{@code {"error":{"code":"1302","message":"..."}}} (Z.AI; code as string or
 * number)</li>
 * <li>{@code {"error":{"message":"...","type":"...","code":...}}} (OpenAI style: vLLM,
 * SGLang)</li>
 * <li>{@code {"error":"...","code":...}}</li>
 * <li>{@code {"code":...,"msg":"..."}} and {@code {"code":...,"message":"..."}}</li>
 * </ul>
 *
 * @param code the business code as text, or {@code null} when the body had none
 * @param message the server's message, or {@code null}
 */
public record ErrorBody(@Nullable String code, @Nullable String message) {

	/**
	 * Reads the error out of a parsed body.
	 * @param root the body's JSON root
	 * @return the error, or {@code null} when the body does not report one
	 */
	public static @Nullable ErrorBody from(JsonNode root) {
		if (!root.isObject()) {
			return null;
		}
		JsonNode error = root.path("error");
		if (error.isObject()) {
			return new ErrorBody(codeOf(error.path("code")).orElseGet(() -> codeOf(root.path("code")).orElse(null)),
					text(error.path("message")));
		}
		boolean hasTopLevelCode = !codeOf(root.path("code")).isEmpty();
		if (error.isString() || (hasTopLevelCode && !root.has("choices"))) {
			String message = error.isString() ? error.stringValue() : text(root.path("msg"));
			return new ErrorBody(codeOf(root.path("code")).orElse(null),
					(message != null) ? message : text(root.path("message")));
		}
		return null;
	}

	private static Optional<String> codeOf(JsonNode node) {
		if (node.isNumber()) {
			return Optional.of(node.canConvertToExactIntegral() ? String.valueOf(node.asLong()) : node.asString());
		}
		if (node.isString() && !node.stringValue().isBlank()) {
			return Optional.of(node.stringValue().trim());
		}
		return Optional.empty();
	}

	private static @Nullable String text(JsonNode node) {
		return node.isString() ? node.stringValue() : null;
	}

}
