package dev.glmbatch.llm;

/**
 * Tokens billed for one or more calls.
 *
 * @param promptTokens input tokens, cached ones included
 * @param completionTokens output tokens, reasoning included
 * @param cachedTokens the part of the prompt served from the context cache
 * @param reasoningTokens the part of the completion the model spent reasoning, as the
 * provider reports it (0 when it does not)
 */
public record TokenUsage(long promptTokens, long completionTokens, long cachedTokens, long reasoningTokens) {

	public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0);

	public TokenUsage {
		if (promptTokens < 0 || completionTokens < 0 || cachedTokens < 0 || reasoningTokens < 0) {
			throw new IllegalArgumentException("token counts must be >= 0");
		}
		if (cachedTokens > promptTokens) {
			cachedTokens = promptTokens;
		}
		if (reasoningTokens > completionTokens) {
			reasoningTokens = completionTokens;
		}
	}

	/** Usage without a reasoning count. */
	public TokenUsage(long promptTokens, long completionTokens, long cachedTokens) {
		this(promptTokens, completionTokens, cachedTokens, 0);
	}

	public long totalTokens() {
		return promptTokens + completionTokens;
	}

	public TokenUsage plus(TokenUsage other) {
		return new TokenUsage(promptTokens + other.promptTokens, completionTokens + other.completionTokens,
				cachedTokens + other.cachedTokens, reasoningTokens + other.reasoningTokens);
	}

	/**
	 * The tokens left when a part of these is taken away.
	 * @param part tokens that are a part of these, each count at most this one's
	 * @throws IllegalArgumentException when {@code part} is not a part of these
	 */
	public TokenUsage minus(TokenUsage part) {
		return new TokenUsage(promptTokens - part.promptTokens, completionTokens - part.completionTokens,
				cachedTokens - part.cachedTokens, reasoningTokens - part.reasoningTokens);
	}

}
