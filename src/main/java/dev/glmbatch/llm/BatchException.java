package dev.glmbatch.llm;

/**
 * A Batch API request that did not succeed: refused, unreachable, or answered with
 * something that is not a batch. The batches already submitted are unaffected.
 */
public class BatchException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public BatchException(String message) {
		super(message);
	}

	public BatchException(String message, Throwable cause) {
		super(message, cause);
	}

}
