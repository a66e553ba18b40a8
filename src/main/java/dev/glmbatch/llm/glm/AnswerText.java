package dev.glmbatch.llm.glm;

import org.jspecify.annotations.Nullable;

/**
 * The answer and reasoning text as the port promises them: trimmed, reasoning apart from
 * the answer, code fences removed when JSON was asked for, and storable in any database:
 * NUL (U+0000), which PostgreSQL refuses in text, and unpaired surrogates, which no
 * encoding can store, become U+FFFD. Without this a paid answer could fail to reach the
 * call ledger and be paid again at every resume.
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
	 * @param reasoningMayHoldAnswer whether an empty answer next to reasoning means the
	 * server filed the answer under reasoning (SGLang's glm45 parser does this when the
	 * model skips thinking)
	 * @return the cleaned texts
	 */
	static AnswerText clean(@Nullable String rawContent, @Nullable String rawReasoning, boolean json,
			boolean reasoningMayHoldAnswer) {
		String content = (rawContent != null) ? storable(rawContent).strip() : "";
		String reasoning = blankToNull((rawReasoning != null) ? storable(rawReasoning) : null);
		// a server without a reasoning parser leaves the reasoning in the content,
		// wrapped in think tags
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
	 * Unwraps an answer that is one Markdown code block ({@code ```} or {@code ```json}).
	 * Anything else is left as it is, so fences inside JSON strings survive.
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

	/**
	 * Replaces NUL and unpaired surrogates with U+FFFD; returns the same instance when
	 * there are none.
	 */
	static String storable(String text) {
		StringBuilder clean = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1));
			boolean bad = c == '\u0000' || (Character.isSurrogate(c) && !paired);
			if (bad && clean == null) {
				clean = new StringBuilder(text.length()).append(text, 0, i);
			}
			if (clean != null) {
				clean.append(bad ? '\uFFFD' : c);
				if (paired) {
					clean.append(text.charAt(i + 1));
				}
			}
			if (paired) {
				i++;
			}
		}
		return (clean != null) ? clean.toString() : text;
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String stripped = text.strip();
		return stripped.isEmpty() ? null : stripped;
	}

}
