package dev.glmbatch.simulator;

import java.util.List;

/**
 * What the simulated model produced, already cut to the token budget and split into token-sized pieces.
 *
 * @param reasoningPieces the reasoning, one token per piece; empty when thinking is disabled
 * @param contentPieces the answer, one token per piece
 * @param finishReason the finish reason on the wire
 */
record Answer(List<String> reasoningPieces, List<String> contentPieces, String finishReason) {

	Answer {
		reasoningPieces = List.copyOf(reasoningPieces);
		contentPieces = List.copyOf(contentPieces);
	}

	String reasoning() {
		return String.join("", this.reasoningPieces);
	}

	String content() {
		return String.join("", this.contentPieces);
	}

	/** Reasoning and answer tokens together, as {@code usage.completion_tokens} counts them. */
	int completionTokens() {
		return this.reasoningPieces.size() + this.contentPieces.size();
	}

}
