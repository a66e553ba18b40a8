package dev.glmbatch.run;

/**
 * A run was not started because doing so would lose or re-pay work; the message says what
 * to do instead.
 */
public class RunRefusedException extends RuntimeException {

	public RunRefusedException(String message) {
		super(message);
	}

}
