package dev.glmbatch.llm.glm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.glmbatch.llm.TokenUsage;
import dev.glmbatch.llm.ToolCall;
import dev.glmbatch.llm.glm.api.ChatCompletion;
import dev.glmbatch.llm.glm.api.Choice;
import dev.glmbatch.llm.glm.api.ErrorBody;
import dev.glmbatch.llm.glm.api.ResponseMessage;
import dev.glmbatch.llm.glm.api.WireToolCall;

/**
 * Builds one answer from the lines of a server-sent-event stream. Lenient where real
 * streams are messy: lines that are not {@code data:} are ignored, and data lines that do
 * not parse are skipped (logged at DEBUG), because the final chunk still carries the
 * finish reason and usage. Not thread-safe: one per stream.
 *
 * <p>
 * Function calls are put together per {@code index}: GLM-4.5 sends a whole call in one
 * chunk, while with {@code tool_stream} the id and name come once and the arguments
 * follow in fragments to be joined in order.
 */
final class StreamAccumulator {

	private static final Logger log = LoggerFactory.getLogger(StreamAccumulator.class);

	private static final String DATA = "data:";

	private static final String DONE = "[DONE]";

	private final JsonMapper mapper;

	private final StringBuilder content = new StringBuilder();

	private final StringBuilder reasoning = new StringBuilder();

	private @Nullable String id;

	private @Nullable String model;

	private @Nullable String finishReason;

	private TokenUsage usage = TokenUsage.ZERO;

	private @Nullable ErrorBody error;

	private int skippedLines;

	private final Map<Integer, PartialCall> toolCalls = new TreeMap<>();

	StreamAccumulator(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * The payload of a {@code data:} line (one optional space after the colon removed),
	 * or {@code null} for blank lines and other line types.
	 */
	static @Nullable String dataOf(String line) {
		if (!line.startsWith(DATA)) {
			return null;
		}
		String payload = line.substring(DATA.length());
		return payload.startsWith(" ") ? payload.substring(1) : payload;
	}

	/**
	 * Takes the next line of the stream.
	 * @return {@code true} when the stream is over: {@code [DONE]} or an error arrived
	 */
	boolean accept(String line) {
		String data = dataOf(line);
		if (data == null || data.isBlank()) {
			return false;
		}
		if (data.strip().equals(DONE)) {
			return true;
		}
		JsonNode node;
		try {
			node = mapper.readTree(data);
		}
		catch (JacksonException ex) {
			skip("not JSON");
			return false;
		}
		if (!node.isObject()) {
			skip("not a JSON object");
			return false;
		}
		ErrorBody inBand = ErrorBody.from(node);
		if (inBand != null) {
			this.error = inBand;
			return true;
		}
		try {
			add(mapper.treeToValue(node, ChatCompletion.class));
		}
		catch (JacksonException ex) {
			skip("not a chunk");
		}
		return false;
	}

	private void add(ChatCompletion chunk) {
		if (chunk.id() != null) {
			id = chunk.id();
		}
		if (chunk.model() != null) {
			model = chunk.model();
		}
		if (chunk.usage() != null) {
			usage = Completion.usageOf(chunk.usage());
		}
		if (chunk.choices() == null) {
			return;
		}
		for (Choice choice : chunk.choices()) {
			ResponseMessage delta = (choice.delta() != null) ? choice.delta() : choice.message();
			if (delta != null) {
				append(content, delta.content());
				append(reasoning, delta.reasoningContent());
				append(reasoning, delta.reasoning());
				addToolCalls(delta.toolCalls());
			}
			if (choice.finishReason() != null && !choice.finishReason().isEmpty()) {
				finishReason = choice.finishReason();
			}
		}
	}

	private void addToolCalls(@Nullable List<WireToolCall> pieces) {
		if (pieces == null) {
			return;
		}
		for (int i = 0; i < pieces.size(); i++) {
			WireToolCall piece = pieces.get(i);
			if (piece == null) {
				continue;
			}
			int index = (piece.index() != null) ? piece.index() : i;
			PartialCall call = toolCalls.computeIfAbsent(index, key -> new PartialCall());
			if (piece.id() != null && call.id == null) {
				call.id = piece.id();
			}
			WireToolCall.Function function = piece.function();
			if (function == null) {
				continue;
			}
			if (function.name() != null && !function.name().isEmpty() && call.name == null) {
				call.name = function.name();
			}
			JsonNode arguments = function.arguments();
			if (arguments != null && arguments.isString()) {
				call.arguments.append(arguments.stringValue());
			}
			else if (arguments != null && !arguments.isNull() && !arguments.isMissingNode()) {
				// arguments sent as an object arrive whole
				call.arguments.setLength(0);
				call.arguments.append(Completion.argumentsText(arguments));
			}
		}
	}

	private static void append(StringBuilder target, @Nullable String piece) {
		if (piece != null) {
			target.append(piece);
		}
	}

	private void skip(String why) {
		skippedLines++;
		log.debug("Skipped a stream data line ({}); {} skipped so far", why, skippedLines);
	}

	/** An error object the server sent inside the stream, or {@code null}. */
	@Nullable ErrorBody error() {
		return error;
	}

	/** Whether a finish reason arrived; a stream without one was cut off. */
	boolean isFinished() {
		return finishReason != null;
	}

	int skippedLines() {
		return skippedLines;
	}

	Completion toCompletion() {
		List<ToolCall> calls = new ArrayList<>(toolCalls.size());
		for (PartialCall call : toolCalls.values()) {
			if (call.name != null) {
				calls.add(new ToolCall(call.id, call.name, call.arguments.toString()));
			}
		}
		return new Completion(id, model, content.toString(), (reasoning.length() > 0) ? reasoning.toString() : null,
				finishReason, usage, calls);
	}

	/** A function call as far as the stream has sent it. */
	private static final class PartialCall {

		private @Nullable String id;

		private @Nullable String name;

		private final StringBuilder arguments = new StringBuilder();

	}

}
