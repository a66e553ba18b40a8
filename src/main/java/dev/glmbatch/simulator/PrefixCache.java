package dev.glmbatch.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulates implicit context caching: per model, a least-recently-used set of
 * prompt-prefix block hashes. A request's cached tokens are the longest prefix of whole
 * blocks that an earlier request of the same model already sent.
 *
 * <p>
 * Thread-safe; each model's set is guarded by its own lock.
 */
final class PrefixCache {

	// about 3 million tokens of distinct prefixes per model
	private static final int BLOCKS_PER_MODEL = 200_000;

	private final Map<String, Blocks> byModel = new ConcurrentHashMap<>();

	/**
	 * Looks up the cached prefix of a prompt, then remembers all of its blocks.
	 * @return the cached tokens, a multiple of {@link PromptTokens#CACHE_BLOCK}
	 */
	int lookUpAndRemember(String model, PromptTokens prompt) {
		Blocks blocks = this.byModel.computeIfAbsent(model, (key) -> new Blocks());
		synchronized (blocks) {
			int hits = 0;
			while (hits < prompt.blockCount() && blocks.get(prompt.blockHash(hits)) != null) {
				hits++;
			}
			for (int i = hits; i < prompt.blockCount(); i++) {
				blocks.put(prompt.blockHash(i), Boolean.TRUE);
			}
			return hits * PromptTokens.CACHE_BLOCK;
		}
	}

	void clear() {
		this.byModel.clear();
	}

	private static final class Blocks extends LinkedHashMap<Long, Boolean> {

		private static final long serialVersionUID = 1L;

		Blocks() {
			super(1024, 0.75f, true);
		}

		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
			return size() > BLOCKS_PER_MODEL;
		}

	}

}
