package dev.glmbatch.llm;

import org.jspecify.annotations.Nullable;

/**
 * This request cannot be answered (content refused, prompt too long, invalid parameter,
 * answer cut off empty); other requests may succeed.
 */
public final class ItemLlmException extends LlmException {

	public ItemLlmException(String message, @Nullable String code, int httpStatus, @Nullable String requestId,
			int attempts, @Nullable Throwable cause) {
		super(message, code, httpStatus, requestId, attempts, cause);
	}

}
