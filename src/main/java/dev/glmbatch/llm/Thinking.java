package dev.glmbatch.llm;

/**
 * Whether the model reasons before it answers. Always sent explicitly: omitting it means
 * enabled on GLM-4.5.
 */
public enum Thinking {

	ENABLED, DISABLED;

	public boolean isEnabled() {
		return this == ENABLED;
	}

}
