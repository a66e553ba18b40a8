package dev.glmbatch.llm;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A call that did not produce an answer. The subtype says what to do:
 * {@link TransientLlmException} (retries were exhausted; run the request again later, or
 * stop restartable), {@link ItemLlmException} (record against the row, go on) or
 * {@link FatalLlmException} (stop the job restartable). Messages never contain the API
 * key or prompt text.
 */
public abstract sealed class LlmException extends RuntimeException
		permits TransientLlmException, ItemLlmException, FatalLlmException {

	private final @Nullable String code;

	private final int httpStatus;

	private final @Nullable String requestId;

	private final int attempts;

	protected LlmException(String message, @Nullable String code, int httpStatus, @Nullable String requestId,
			int attempts, @Nullable Throwable cause) {
		super(message, cause);
		this.code = code;
		this.httpStatus = httpStatus;
		this.requestId = requestId;
		this.attempts = attempts;
	}

	/** Never null: every constructor takes a message. */
	@Override
	public String getMessage() {
		return Objects.requireNonNull(super.getMessage());
	}

	/**
	 * The provider's business code (e.g. {@code 1302}), or {@code null} when there was
	 * none.
	 */
	public @Nullable String code() {
		return code;
	}

	/** The HTTP status, or 0 when no response arrived. */
	public int httpStatus() {
		return httpStatus;
	}

	/** The request id of the last attempt, or {@code null}. */
	public @Nullable String requestId() {
		return requestId;
	}

	/** HTTP attempts made before giving up. */
	public int attempts() {
		return attempts;
	}

}
