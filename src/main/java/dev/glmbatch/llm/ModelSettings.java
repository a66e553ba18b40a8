package dev.glmbatch.llm;

import java.math.BigDecimal;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One entry of the model table as written (in the shipped table, or as
 * {@code glm.models[<id>].*} in the configuration), every key optional: what an entry
 * leaves out it takes from the entry it changes, its family or the table's defaults.
 *
 * @param inputPerMillion USD per million prompt tokens not served from the cache
 * @param cachedInputPerMillion USD per million prompt tokens served from the context
 * cache; defaults to the input price when a price is given without it
 * @param outputPerMillion USD per million completion tokens, reasoning included
 * @param unpriced {@code true}: no price is known (the table says so explicitly)
 * @param contextTokens the context window
 * @param maxOutputTokens the most {@code max_tokens} accepts
 * @param maxInFlight the default in-flight ceiling
 * @param thinking how thinking is controlled
 */
public record ModelSettings(@Nullable BigDecimal inputPerMillion, @Nullable BigDecimal cachedInputPerMillion,
		@Nullable BigDecimal outputPerMillion, @Nullable Boolean unpriced, @Nullable Integer contextTokens,
		@Nullable Integer maxOutputTokens, @Nullable Integer maxInFlight, @Nullable ThinkingControl thinking) {

	/** Settings that only set a price. */
	public static ModelSettings price(ModelPrice price) {
		return new ModelSettings(price.inputPerMillion(), price.cachedInputPerMillion(), price.outputPerMillion(), null,
				null, null, null, null);
	}

	/**
	 * These settings laid over an entry.
	 * @param id the model id the settings are for
	 * @param base the entry they change: the model's own, its family's or the defaults
	 * @param where how to name the settings in an error, e.g. {@code glm.models[my-glm]}
	 * @throws IllegalArgumentException when a value is out of range, or a price is
	 * incomplete
	 */
	ModelSpec over(String id, ModelSpec base, String where) {
		ModelPrice price = base.price();
		if (Boolean.TRUE.equals(unpriced)) {
			if (inputPerMillion != null || outputPerMillion != null || cachedInputPerMillion != null) {
				throw new IllegalArgumentException(
						where + " is marked unpriced but gives a price: remove one or the" + " other");
			}
			price = null;
		}
		else if (inputPerMillion != null || outputPerMillion != null || cachedInputPerMillion != null) {
			if (price == null && (inputPerMillion == null || outputPerMillion == null)) {
				throw new IllegalArgumentException(where + " gives only part of a price: set input-per-million and"
						+ " output-per-million (and cached-input-per-million, which defaults to the input price)");
			}
			// a missing part comes from the base price, which the check above proved is
			// there
			BigDecimal input = (inputPerMillion != null) ? inputPerMillion
					: Objects.requireNonNull(price).inputPerMillion();
			BigDecimal cached = (cachedInputPerMillion != null) ? cachedInputPerMillion
					: (price != null && inputPerMillion == null) ? price.cachedInputPerMillion() : input;
			BigDecimal output = (outputPerMillion != null) ? outputPerMillion
					: Objects.requireNonNull(price).outputPerMillion();
			try {
				price = new ModelPrice(input, cached, output);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(where + ": a price must not be negative", ex);
			}
		}
		requirePositive(contextTokens, where + ".context-tokens");
		requirePositive(maxOutputTokens, where + ".max-output-tokens");
		if (maxInFlight != null && (maxInFlight < 1 || maxInFlight > 10_000)) {
			throw new IllegalArgumentException(
					where + ".max-in-flight must be between 1 and 10000, was " + maxInFlight);
		}
		return new ModelSpec(id, price, (contextTokens != null) ? contextTokens : base.contextTokens(),
				(maxOutputTokens != null) ? maxOutputTokens : base.maxOutputTokens(),
				(maxInFlight != null) ? maxInFlight : base.maxInFlight(),
				(thinking != null) ? thinking : base.thinking(), true);
	}

	private static void requirePositive(@Nullable Integer value, String name) {
		if (value != null && value < 1) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

}
