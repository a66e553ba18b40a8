package dev.glmbatch.simulator;

import java.util.Objects;

/**
 * A request the simulator refuses with an error body; carries what goes on the wire.
 */
final class RequestRejectedException extends Exception {

	private static final long serialVersionUID = 1L;

	private final int httpStatus;

	private final String code;

	RequestRejectedException(int httpStatus, String code, String message) {
		super(message, null, false, false);
		this.httpStatus = httpStatus;
		this.code = code;
	}

	/** Never null: every constructor takes a message. */
	@Override
	public String getMessage() {
		return Objects.requireNonNull(super.getMessage());
	}

	static RequestRejectedException of(String code) {
		return new RequestRejectedException(ErrorCatalog.httpStatusOf(code), code, ErrorCatalog.messageOf(code));
	}

	static RequestRejectedException invalid(String field, String problem) {
		return new RequestRejectedException(400, "1214", "[simulator] Invalid " + field + ": " + problem);
	}

	int httpStatus() {
		return this.httpStatus;
	}

	String code() {
		return this.code;
	}

}
