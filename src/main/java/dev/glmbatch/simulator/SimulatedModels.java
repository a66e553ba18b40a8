package dev.glmbatch.simulator;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The models the simulated platform serves, with their limits and how each takes the
 * thinking setting, as of late 2026. Kept apart from the client's model table on purpose:
 * the two readings of the platform check each other.
 * <ul>
 * <li>GLM-4.5 to GLM-5.1 take {@code thinking.type} and refuse {@code reasoning_effort}
 * (HTTP 400, 1210);</li>
 * <li>GLM-5.2 takes both;</li>
 * <li>GLM-5.3 and its flash variants take {@code reasoning_effort} ({@code low},
 * {@code high}, {@code max}, default {@code max}) and refuse {@code thinking: {type:
 * disabled}} (HTTP 400, 1210): they always reason, and {@code low} reasons least.</li>
 * </ul>
 */
final class SimulatedModels {

	/** How a model takes the thinking setting. */
	enum Thinking {

		/** {@code thinking.type} only. */
		TOGGLE,
		/** Both {@code thinking.type} and {@code reasoning_effort}. */
		BOTH,
		/** {@code reasoning_effort} only; always reasons. */
		EFFORT

	}

	/**
	 * One model.
	 *
	 * @param contextTokens the context window
	 * @param maxOutputTokens the most {@code max_tokens} accepts
	 * @param thinking how it takes the thinking setting
	 */
	record Model(int contextTokens, int maxOutputTokens, Thinking thinking) {

		boolean takesEffort() {
			return this.thinking != Thinking.TOGGLE;
		}

		boolean canDisableThinking() {
			return this.thinking != Thinking.EFFORT;
		}

	}

	private static final int K128 = 131_072;

	private static final int K96 = 98_304;

	private static final int K200 = 204_800;

	private static final int M1 = 1_048_576;

	private static final Map<String, Model> MODELS = Map.ofEntries(
			Map.entry("glm-4.5", new Model(K128, K96, Thinking.TOGGLE)),
			Map.entry("glm-4.5-air", new Model(K128, K96, Thinking.TOGGLE)),
			Map.entry("glm-4.5-x", new Model(K128, K96, Thinking.TOGGLE)),
			Map.entry("glm-4.5-airx", new Model(K128, K96, Thinking.TOGGLE)),
			Map.entry("glm-4.5-flash", new Model(K128, K96, Thinking.TOGGLE)),
			Map.entry("glm-4.6", new Model(K200, K128, Thinking.TOGGLE)),
			Map.entry("glm-4.7", new Model(K200, K128, Thinking.TOGGLE)),
			Map.entry("glm-4.7-flashx", new Model(K200, K128, Thinking.TOGGLE)),
			Map.entry("glm-4.7-flash", new Model(K200, K128, Thinking.TOGGLE)),
			Map.entry("glm-5", new Model(K200, K128, Thinking.TOGGLE)),
			Map.entry("glm-5-turbo", new Model(K200, K128, Thinking.TOGGLE)),
			Map.entry("glm-5.1", new Model(K200, K128, Thinking.TOGGLE)),
			Map.entry("glm-5.2", new Model(M1, K128, Thinking.BOTH)),
			Map.entry("glm-5.3", new Model(M1, K128, Thinking.EFFORT)),
			Map.entry("glm-5.3-flash", new Model(M1, K128, Thinking.EFFORT)),
			Map.entry("glm-5.3-flashx", new Model(M1, K128, Thinking.EFFORT)));

	private SimulatedModels() {
	}

	/** The model of an id, or {@code null} when the platform has none of that name. */
	static @Nullable Model of(String id) {
		return MODELS.get(id);
	}

}
