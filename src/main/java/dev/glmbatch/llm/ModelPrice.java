package dev.glmbatch.llm;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What one model costs, in US dollars per million tokens.
 *
 * @param inputPerMillion prompt tokens not served from the cache
 * @param cachedInputPerMillion prompt tokens served from the context cache
 * @param outputPerMillion completion tokens, reasoning included
 */
public record ModelPrice(BigDecimal inputPerMillion, BigDecimal cachedInputPerMillion, BigDecimal outputPerMillion) {

	/**
	 * A model that costs nothing, such as {@code glm-4.5-flash}: free, which is not the
	 * same as unpriced.
	 */
	public static final ModelPrice FREE = new ModelPrice(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

	public ModelPrice {
		requireNotNegative(inputPerMillion, "inputPerMillion");
		requireNotNegative(cachedInputPerMillion, "cachedInputPerMillion");
		requireNotNegative(outputPerMillion, "outputPerMillion");
	}

	/** Parses three decimal strings, e.g. {@code of("0.60", "0.11", "2.20")}. */
	public static ModelPrice of(String inputPerMillion, String cachedInputPerMillion, String outputPerMillion) {
		return new ModelPrice(new BigDecimal(inputPerMillion), new BigDecimal(cachedInputPerMillion),
				new BigDecimal(outputPerMillion));
	}

	/**
	 * {@code (prompt − cached)·in + cached·cachedIn + completion·out}, per million
	 * tokens, in US dollars.
	 */
	public BigDecimal costOf(TokenUsage usage) {
		long uncached = usage.promptTokens() - usage.cachedTokens();
		BigDecimal perMillion = inputPerMillion.multiply(BigDecimal.valueOf(uncached))
			.add(cachedInputPerMillion.multiply(BigDecimal.valueOf(usage.cachedTokens())))
			.add(outputPerMillion.multiply(BigDecimal.valueOf(usage.completionTokens())));
		return perMillion.movePointLeft(6);
	}

	private static void requireNotNegative(BigDecimal value, String name) {
		Objects.requireNonNull(value, name);
		if (value.signum() < 0) {
			throw new IllegalArgumentException(name + " must not be negative, was " + value);
		}
	}

}
