package dev.glmbatch.llm;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Why the model stopped. GLM adds {@code sensitive}, {@code network_error} and more to
 * OpenAI's values.
 */
public enum FinishReason {

	STOP, LENGTH, TOOL_CALLS, SENSITIVE, NETWORK_ERROR, MODEL_CONTEXT_WINDOW_EXCEEDED,
	/** A value this version does not know; tolerated, never fatal. */
	UNKNOWN;

	/** Maps a wire value; {@code null} and unknown values give {@link #UNKNOWN}. */
	public static FinishReason fromWire(@Nullable String value) {
		if (value == null) {
			return UNKNOWN;
		}
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return UNKNOWN;
		}
	}

}
