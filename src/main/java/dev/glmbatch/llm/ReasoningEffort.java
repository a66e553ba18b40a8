package dev.glmbatch.llm;

import java.util.Locale;

/**
 * How hard a model of the {@link ThinkingControl#EFFORT effort} kind reasons; {@code low}
 * reasons least.
 */
public enum ReasoningEffort {

	LOW, HIGH, MAX;

	/** The value of {@code reasoning_effort} on the wire, and in a job file. */
	public String key() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * What {@code thinking: disabled} and {@code enabled} mean on a model that cannot
	 * turn thinking off.
	 */
	public static ReasoningEffort of(Thinking thinking) {
		return thinking.isEnabled() ? HIGH : LOW;
	}

}
