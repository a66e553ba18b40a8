package dev.glmbatch.llm.glm;

/** What a failed attempt means for the call and for the job. */
enum FaultKind {

	/**
	 * Waiting and sending again may help: retried, then {@code TransientLlmException}.
	 */
	TRANSIENT,

	/**
	 * This request cannot be answered, others may: {@code ItemLlmException}, no retry.
	 */
	ITEM,

	/** No request can succeed until someone acts: {@code FatalLlmException}, no retry. */
	FATAL

}
