package dev.glmbatch.llm;

import org.jspecify.annotations.Nullable;

/** No request can succeed until someone acts (authentication, balance, unknown model, quota): stop the job, restartable. */
public final class FatalLlmException extends LlmException {

	public FatalLlmException(String message, @Nullable String code, int httpStatus, @Nullable String requestId, int attempts,
			@Nullable Throwable cause) {
		super(message, code, httpStatus, requestId, attempts, cause);
	}

}
