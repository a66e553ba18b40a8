package dev.glmbatch.llm;

/**
 * The model table: prices, limits and thinking control of every model. Implementations
 * are thread-safe.
 */
@FunctionalInterface
public interface ModelCatalog {

	/**
	 * The entry of a model: its own, its family's (an id the table does not list falls to
	 * the longest listed id it starts with followed by {@code -}), or, for an id of no
	 * listed family, an unpriced entry with the defaults. Ids compare case-insensitively.
	 */
	ModelSpec spec(String model);

}
