package dev.glmbatch.llm.glm;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.glmbatch.llm.PriceList;
import dev.glmbatch.llm.TokenUsage;

/**
 * Turns token usage into US dollars with Z.AI's published per-million prices (glm-api.md §7), optionally overridden.
 * A model without a price costs 0 and is reported once at WARN, so a self-hosted model name does not flood the log.
 */
final class GlmPricing implements PriceList {

	private static final Logger log = LoggerFactory.getLogger(GlmPricing.class);

	/** Z.AI synchronous prices, USD per million tokens: input, cached input, output. */
	static final Map<String, ModelPrice> BUILT_IN = Map.of(
			"glm-4.5", ModelPrice.of("0.60", "0.11", "2.20"),
			"glm-4.5-x", ModelPrice.of("2.20", "0.45", "8.90"),
			"glm-4.5-air", ModelPrice.of("0.20", "0.03", "1.10"),
			"glm-4.5-airx", ModelPrice.of("1.10", "0.22", "4.50"),
			"glm-4.5-flash", ModelPrice.FREE);

	private final Map<String, ModelPrice> prices;

	private final Set<String> reportedUnknown = ConcurrentHashMap.newKeySet();

	GlmPricing(Map<String, ModelPrice> overrides) {
		Map<String, ModelPrice> merged = new HashMap<>(BUILT_IN);
		overrides.forEach((model, price) -> merged.put(normalise(model), price));
		this.prices = Map.copyOf(merged);
	}

	/** The price of a model (ids compare case-insensitively), or {@code null} when it has none. */
	@Nullable ModelPrice priceOf(String model) {
		return prices.get(normalise(model));
	}

	/**
	 * {@code (prompt − cached)·in + cached·cachedIn + completion·out}, per million tokens.
	 * @return the cost in USD, 0 for a model without a price
	 */
	BigDecimal costOf(String model, TokenUsage usage) {
		ModelPrice price = priceOf(model);
		if (price == null) {
			if (reportedUnknown.add(normalise(model))) {
				log.warn("No price for GLM model '{}'; its calls are counted as costing 0 USD "
						+ "(set glm.prices[{}].* to fix)", model, model);
			}
			return BigDecimal.ZERO;
		}
		long uncached = usage.promptTokens() - usage.cachedTokens();
		BigDecimal perMillion = price.inputPerMillion()
			.multiply(BigDecimal.valueOf(uncached))
			.add(price.cachedInputPerMillion().multiply(BigDecimal.valueOf(usage.cachedTokens())))
			.add(price.outputPerMillion().multiply(BigDecimal.valueOf(usage.completionTokens())));
		return perMillion.movePointLeft(6);
	}

	@Override
	public Optional<BigDecimal> quote(String model, TokenUsage usage) {
		return (priceOf(model) != null) ? Optional.of(costOf(model, usage)) : Optional.empty();
	}

	private static String normalise(String model) {
		return model.strip().toLowerCase(Locale.ROOT);
	}

}
