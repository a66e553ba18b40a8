package dev.glmbatch.llm;

import org.jspecify.annotations.Nullable;

/**
 * No request can succeed until someone acts (authentication, balance, unknown model,
 * quota): stop the job, restartable.
 */
public final class FatalLlmException extends LlmException {

	private final boolean resetsByItself;

	public FatalLlmException(String message, @Nullable String code, int httpStatus, @Nullable String requestId,
			int attempts, @Nullable Throwable cause) {
		this(message, code, httpStatus, requestId, attempts, cause, false);
	}

	/**
	 * @param resetsByItself a usage quota of the account was reached (daily, weekly,
	 * monthly, fair use): the calls succeed again after its reset, with nobody acting
	 */
	public FatalLlmException(String message, @Nullable String code, int httpStatus, @Nullable String requestId,
			int attempts, @Nullable Throwable cause, boolean resetsByItself) {
		super(message, code, httpStatus, requestId, attempts, cause);
		this.resetsByItself = resetsByItself;
	}

	/**
	 * Whether this is a quota that resets by itself, so that the job should stop and
	 * resume after the reset.
	 */
	public boolean resetsByItself() {
		return resetsByItself;
	}

}
