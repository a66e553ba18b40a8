package dev.glmbatch.simulator;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A chat request that passed validation, reduced to what the simulator acts on.
 *
 * @param route the endpoint it arrived on
 * @param model the model id
 * @param messages the messages, content {@code ""} where the wire had none
 * @param thinking whether thinking is enabled
 * @param stream whether the client asked for SSE
 * @param maxTokens the reasoning + answer budget, or {@code null} for the model default
 * @param jsonMode whether {@code response_format.type} is {@code json_object}
 * @param clientRequestId the client's {@code request_id}, or {@code null}
 * @param fingerprint hash of the canonical body without {@code request_id}: equal for
 * repeated (paid-again) calls
 * @param answerSeed hash of the canonical body without {@code request_id},
 * {@code stream}, {@code tool_stream}, {@code max_tokens} and {@code reasoning_effort}:
 * drives the answer, so the budget only cuts it, streaming only changes how it travels
 * and the effort only lengthens the reasoning
 * @param prompt prompt size and cacheable prefixes
 * @param tools the functions offered, in order; empty without {@code tools}
 * @param toolStream whether the client asked for {@code tool_stream}
 * @param reasoningEffort {@code low}, {@code high} or {@code max} for a model that takes
 * it, or {@code null}
 */
record SimulatedRequest(SimulatorRule.Route route, String model, List<Message> messages, boolean thinking,
		boolean stream, @Nullable Integer maxTokens, boolean jsonMode, @Nullable String clientRequestId,
		String fingerprint, long answerSeed, PromptTokens prompt, List<Tool> tools, boolean toolStream,
		@Nullable String reasoningEffort) {

	static final int DEFAULT_MAX_TOKENS = 65_536;

	SimulatedRequest {
		messages = List.copyOf(messages);
		tools = List.copyOf(tools);
	}

	/**
	 * The function the answer calls: the first one offered, or {@code null} without
	 * tools.
	 */
	@Nullable Tool calledTool() {
		return this.tools.isEmpty() ? null : this.tools.get(0);
	}

	int tokenBudget() {
		return (this.maxTokens != null) ? this.maxTokens : DEFAULT_MAX_TOKENS;
	}

	boolean anyContentContains(String text) {
		return this.messages.stream().anyMatch((message) -> message.content().contains(text));
	}

	/** The content of the last user message, or {@code ""} when there is none. */
	String lastUserContent() {
		for (int i = this.messages.size() - 1; i >= 0; i--) {
			if (this.messages.get(i).role().equals("user")) {
				return this.messages.get(i).content();
			}
		}
		return "";
	}

	record Message(String role, String content) {
	}

	/**
	 * A function offered in {@code tools}.
	 *
	 * @param name its name
	 * @param parameters the JSON Schema of its arguments; an empty object when none was
	 * given
	 */
	record Tool(String name, JsonNode parameters) {
	}

}
