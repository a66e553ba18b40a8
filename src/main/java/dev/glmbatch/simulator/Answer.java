package dev.glmbatch.simulator;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the simulated model produced, already cut to the token budget and split into
 * token-sized pieces.
 *
 * @param reasoningPieces the reasoning, one token per piece; empty when thinking is
 * disabled
 * @param contentPieces the answer, one token per piece
 * @param finishReason the finish reason on the wire
 * @param toolCall the function call the answer makes, or {@code null}
 */
record Answer(List<String> reasoningPieces, List<String> contentPieces, String finishReason,
		@Nullable ToolCallAnswer toolCall) {

	Answer {
		reasoningPieces = List.copyOf(reasoningPieces);
		contentPieces = List.copyOf(contentPieces);
	}

	Answer(List<String> reasoningPieces, List<String> contentPieces, String finishReason) {
		this(reasoningPieces, contentPieces, finishReason, null);
	}

	String reasoning() {
		return String.join("", this.reasoningPieces);
	}

	String content() {
		return String.join("", this.contentPieces);
	}

	/**
	 * Reasoning, answer and call arguments together, as {@code usage.completion_tokens}
	 * counts them.
	 */
	int completionTokens() {
		return this.reasoningPieces.size() + this.contentPieces.size()
				+ ((this.toolCall != null) ? this.toolCall.argumentPieces().size() : 0);
	}

	/**
	 * A function call.
	 *
	 * @param id the call's id, {@code call_} and hex digits
	 * @param name the function
	 * @param argumentPieces the arguments' JSON text, one token per piece
	 * @param asObject send the arguments as a JSON object rather than as a string holding
	 * it
	 */
	record ToolCallAnswer(String id, String name, List<String> argumentPieces, boolean asObject) {

		ToolCallAnswer {
			argumentPieces = List.copyOf(argumentPieces);
		}

		String arguments() {
			return String.join("", this.argumentPieces);
		}

	}

}
