package dev.glmbatch.progress;

import java.math.BigDecimal;

/**
 * What a set of paid calls took.
 *
 * @param promptTokens prompt tokens paid
 * @param completionTokens completion tokens paid (reasoning included)
 * @param cachedTokens prompt tokens served from the context cache
 * @param costUsd their cost
 * @param reasoningTokens the part of {@code completionTokens} spent reasoning, as the
 * model reported it
 */
public record Spend(long promptTokens, long completionTokens, long cachedTokens, BigDecimal costUsd,
		long reasoningTokens) {

	public long totalTokens() {
		return promptTokens + completionTokens;
	}

}
