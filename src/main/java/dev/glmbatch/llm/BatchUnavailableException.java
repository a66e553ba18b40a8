package dev.glmbatch.llm;

/**
 * The endpoint has no Batch API: its files or batches route answered HTTP 404 or 434, or
 * code 1220. The same requests can still be sent one by one.
 */
public class BatchUnavailableException extends BatchException {

	private static final long serialVersionUID = 1L;

	public BatchUnavailableException(String message) {
		super(message);
	}

}
