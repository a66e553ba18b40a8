package dev.glmbatch.llm.glm;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One failed attempt, already classified. Internal to the adapter: the retry loop in
 * {@link GlmClient} turns it into the port's exceptions. The message never holds the
 * prompt; the client still masks the key before it goes out.
 */
final class GlmFault extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final FaultKind kind;

	private final @Nullable String code;

	private final int httpStatus;

	private final @Nullable Duration retryAfter;

	private final boolean unanswered;

	GlmFault(FaultKind kind, String message, @Nullable String code, int httpStatus, @Nullable Duration retryAfter,
			@Nullable Throwable cause) {
		this(kind, message, code, httpStatus, retryAfter, cause, false);
	}

	private GlmFault(FaultKind kind, String message, @Nullable String code, int httpStatus,
			@Nullable Duration retryAfter, @Nullable Throwable cause, boolean unanswered) {
		// no stack trace: faults are expected control flow and can be frequent under rate
		// limiting
		super(message, cause, false, false);
		this.kind = Objects.requireNonNull(kind, "kind");
		this.code = code;
		this.httpStatus = httpStatus;
		this.retryAfter = retryAfter;
		this.unanswered = unanswered;
	}

	/**
	 * The request was sent but no complete answer came within the deadline: the server
	 * may still finish it and bill it.
	 */
	static GlmFault unanswered(String message, int httpStatus, @Nullable Throwable cause) {
		return new GlmFault(FaultKind.TRANSIENT, message, null, httpStatus, null, cause, true);
	}

	FaultKind kind() {
		return kind;
	}

	/**
	 * A GLM business code, an OpenAI-style error code, or a finish reason; {@code null}
	 * when there was none.
	 */
	@Nullable String code() {
		return code;
	}

	/** The HTTP status, 0 when no response arrived. */
	int httpStatus() {
		return httpStatus;
	}

	/**
	 * Whether the request went out and its answer did not come in time
	 * ({@link #unanswered}).
	 */
	boolean isUnanswered() {
		return unanswered;
	}

	/** How long the server asked us to wait, or {@code null}. */
	@Nullable Duration retryAfter() {
		return retryAfter;
	}

}
