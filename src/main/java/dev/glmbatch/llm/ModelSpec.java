package dev.glmbatch.llm;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What glm-batch knows of one model: one entry of the model table, with the
 * configuration's changes applied.
 *
 * @param id the model id as the table lists it (an id it does not list falls to its
 * family's entry)
 * @param price list prices, or {@code null} when the model is <em>unpriced</em>: its
 * calls are never costed as $0
 * @param contextTokens the context window, or {@code null} when unknown
 * @param maxOutputTokens the most {@code max_tokens} accepts, or {@code null} when
 * unknown
 * @param maxInFlight the default in-flight ceiling of an account on this model
 * @param thinking how the model is told whether to think
 * @param listed whether the table or the configuration lists the model or its family
 */
public record ModelSpec(String id, @Nullable ModelPrice price, @Nullable Integer contextTokens,
		@Nullable Integer maxOutputTokens, int maxInFlight, ThinkingControl thinking, boolean listed) {

	public ModelSpec {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(thinking, "thinking");
		if (maxInFlight < 1) {
			throw new IllegalArgumentException("maxInFlight must be >= 1, was " + maxInFlight);
		}
	}

	public boolean priced() {
		return price != null;
	}

	/** What some usage of this model costs, or empty when the model is unpriced. */
	public Optional<BigDecimal> costOf(TokenUsage usage) {
		return (price != null) ? Optional.of(price.costOf(usage)) : Optional.empty();
	}

}
