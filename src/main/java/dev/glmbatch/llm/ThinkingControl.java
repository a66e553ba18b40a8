package dev.glmbatch.llm;

import java.util.Locale;

/**
 * How a model is told whether to think. The same job setting ({@code thinking: disabled})
 * needs a different request on each: see {@link ModelSpec#thinking()}.
 */
public enum ThinkingControl {

	/** {@code thinking.type} enabled or disabled (GLM-4.5 to GLM-5.1). */
	TOGGLE,

	/**
	 * {@code reasoning_effort} low, high or max; thinking cannot be turned off, and
	 * {@code low} is the least (GLM-5.2 and later).
	 */
	EFFORT,

	/** The model always reasons and takes no setting for it; nothing is sent. */
	ALWAYS;

	/**
	 * The name as the model table and the configuration write it: {@code toggle},
	 * {@code effort}, {@code always}.
	 */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

}
