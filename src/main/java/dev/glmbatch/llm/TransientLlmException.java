package dev.glmbatch.llm;

import org.jspecify.annotations.Nullable;

/** A transient fault (rate limit, overload, 5xx, timeout, reset) that outlived every retry. */
public final class TransientLlmException extends LlmException {

	public TransientLlmException(String message, @Nullable String code, int httpStatus, @Nullable String requestId, int attempts,
			@Nullable Throwable cause) {
		super(message, code, httpStatus, requestId, attempts, cause);
	}

}
