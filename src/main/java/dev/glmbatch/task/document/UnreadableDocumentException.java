package dev.glmbatch.task.document;

/**
 * A document whose text cannot be had within its limits. The message completes a sentence
 * that starts with the document's name ("is encrypted ...", "has no text layer ..."), and
 * says what to do where something can be done.
 */
public final class UnreadableDocumentException extends RuntimeException {

	public UnreadableDocumentException(String reason) {
		super(reason);
	}

	public UnreadableDocumentException(String reason, Throwable cause) {
		super(reason, cause);
	}

}
