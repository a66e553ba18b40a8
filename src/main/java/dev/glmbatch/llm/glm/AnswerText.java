package dev.glmbatch.llm.glm;

import org.jspecify.annotations.Nullable;

/**
 * The answer and reasoning text as the port promises them: trimmed, reasoning apart from the answer, code fences
 * removed when JSON was asked for.
 *
 * @param content the answer, trimmed; may be empty
 * @param reasoning the reasoning, trimmed, or {@code null} when there was none
 */
record AnswerText(String content, @Nullable String reasoning) {

	private static final String THINK_OPEN = "<think>";

	private static final String THINK_CLOSE = "</think>";

	private static final String FENCE = "```";

	/**
	 * Cleans what the server sent.
	 * @param rawContent {@code content} as received
	 * @param rawReasoning {@code reasoning_content} or {@code reasoning} as received
	 * @param json whether JSON was asked for; a fenced answer is then unwrapped
	 * @param reasoningMayHoldAnswer whether an empty answer next to reasoning means the server filed the answer
	 * under reasoning (SGLang's glm45 parser does this when the model skips thinking, glm-api.md §10)
	 * @return the cleaned texts
	 */
	static AnswerText clean(@Nullable String rawContent, @Nullable String rawReasoning, boolean json,
			boolean reasoningMayHoldAnswer) {
		String content = (rawContent != null) ? rawContent.strip() : "";
		String reasoning = blankToNull(rawReasoning);
		// a server without a reasoning parser leaves the reasoning in the content, wrapped in think tags
		if (content.startsWith(THINK_OPEN)) {
			int close = content.indexOf(THINK_CLOSE);
			String inTags = (close < 0) ? content.substring(THINK_OPEN.length())
					: content.substring(THINK_OPEN.length(), close);
			content = (close < 0) ? "" : content.substring(close + THINK_CLOSE.length()).strip();
			if (reasoning == null) {
				reasoning = blankToNull(inTags);
			}
		}
		if (content.isEmpty() && reasoning != null && reasoningMayHoldAnswer) {
			content = reasoning;
			reasoning = null;
		}
		if (json) {
			content = stripFences(content);
		}
		return new AnswerText(content, reasoning);
	}

	/**
	 * Unwraps an answer that is one Markdown code block ({@code ```} or {@code ```json}). Anything else is left as it
	 * is, so fences inside JSON strings survive.
	 */
	static String stripFences(String text) {
		String trimmed = text.strip();
		if (!trimmed.startsWith(FENCE) || trimmed.length() < 2 * FENCE.length()) {
			return trimmed;
		}
		int firstLineEnd = trimmed.indexOf('\n');
		if (firstLineEnd < 0 || !trimmed.endsWith(FENCE)) {
			return trimmed;
		}
		String info = trimmed.substring(FENCE.length(), firstLineEnd).strip();
		if (info.contains(" ") || info.contains(FENCE)) {
			return trimmed;
		}
		return trimmed.substring(firstLineEnd + 1, trimmed.length() - FENCE.length()).strip();
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String stripped = text.strip();
		return stripped.isEmpty() ? null : stripped;
	}

}
