package dev.glmbatch.task;

/** The terminal state of a row. */
public enum RowStatus {

	/** Every output was produced and passed its check. */
	DONE,
	/** The row could not be processed; the reason says why. */
	REJECTED

}
