package dev.glmbatch.llm;

import org.jspecify.annotations.Nullable;

/**
 * A transient fault (rate limit, overload, 5xx, timeout, reset) that outlived every
 * retry. Sending the request again later, under a new request id, pays for no answer
 * twice, unless {@link #mayBeBilled()}.
 */
public final class TransientLlmException extends LlmException {

	private final boolean mayBeBilled;

	public TransientLlmException(String message, @Nullable String code, int httpStatus, @Nullable String requestId,
			int attempts, @Nullable Throwable cause) {
		this(message, code, httpStatus, requestId, attempts, cause, false);
	}

	/**
	 * @param mayBeBilled an attempt of the call went out and got no answer, so the server
	 * may still answer and bill it: the request must not be sent again under a new
	 * request id
	 */
	public TransientLlmException(String message, @Nullable String code, int httpStatus, @Nullable String requestId,
			int attempts, @Nullable Throwable cause, boolean mayBeBilled) {
		super(message, code, httpStatus, requestId, attempts, cause);
		this.mayBeBilled = mayBeBilled;
	}

	/**
	 * Whether an unanswered attempt of this call may still be billed, so that sending it
	 * anew could pay twice.
	 */
	public boolean mayBeBilled() {
		return mayBeBilled;
	}

}
