package dev.glmbatch.llm;

import java.util.Map;

/**
 * What a client learned about how models take the thinking setting, when a model refused
 * what the model table said to send. A run records it, so that its resume sends the right
 * setting from the first call.
 */
public interface ThinkingControlMemory {

	/** The controls learned so far (or assumed), by lower-case model id. */
	Map<String, ThinkingControl> learnedThinkingControls();

	/**
	 * Uses {@code control} for {@code model} from now on, instead of the model table's: a
	 * resumed run's record.
	 */
	void assumeThinkingControl(String model, ThinkingControl control);

}
