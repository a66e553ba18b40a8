package dev.glmbatch.llm;

import java.math.BigDecimal;
import java.util.Optional;

/** What a provider charges for tokens. Implementations are thread-safe. */
@FunctionalInterface
public interface PriceList {

	/** A price list that knows no model. */
	PriceList NONE = (model, usage) -> Optional.empty();

	/**
	 * The cost of some usage of a model.
	 * @param model the model id
	 * @param usage the tokens
	 * @return the cost in US dollars, or empty when the model has no known price
	 */
	Optional<BigDecimal> quote(String model, TokenUsage usage);

}
