package dev.glmbatch.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the JSON the API sends: completions, SSE chunks and error bodies, in the shape
 * of the route.
 *
 * <p>
 * Both routes have {@code object} ({@code chat.completion} /
 * {@code chat.completion.chunk}), as the 2026 platform and vLLM do; the Z.AI route also
 * echoes {@code request_id} in a whole answer, and reports the reasoning share of the
 * completion as {@code usage.completion_tokens_details.reasoning_tokens}. Both name the
 * reasoning {@code reasoning_content}. Z.AI errors are
 * {@code {"error":{"code","message"}}}, OpenAI-style errors
 * {@code {"error":{"message","type","code"}}}; the code is the business code as a string
 * on both. A function call is {@code tool_calls: [{id, index, type: "function", function:
 * {name, arguments}}]} beside an empty content.
 */
final class WireFormat {

	static final String JSON_CONTENT_TYPE = "application/json; charset=UTF-8";

	static final String SSE_CONTENT_TYPE = "text/event-stream;charset=UTF-8";

	private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

	private final ObjectMapper mapper;

	private final Clock clock;

	WireFormat(ObjectMapper mapper, Clock clock) {
		this.mapper = mapper;
		this.clock = clock;
	}

	/**
	 * A fresh response identity: {@code yyyyMMddHHmmss} + 16 hex digits, and the time in
	 * seconds.
	 */
	Envelope envelope(SimulatedRequest request) {
		long millis = this.clock.millis();
		String id = ID_TIME.format(Instant.ofEpochMilli(millis))
				+ String.format(Locale.ROOT, "%016x", ThreadLocalRandom.current().nextLong());
		return new Envelope(id, (request.clientRequestId() != null) ? request.clientRequestId() : id, millis / 1000);
	}

	byte[] completion(SimulatedRequest request, Envelope envelope, Answer answer, int cachedTokens) {
		ObjectNode json = head(request, envelope, "chat.completion");
		ObjectNode choice = json.putArray("choices").addObject();
		choice.put("index", 0);
		choice.put("finish_reason", answer.finishReason());
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		message.put("content", answer.content());
		if (request.thinking()) {
			message.put("reasoning_content", answer.reasoning());
		}
		if (answer.toolCall() != null) {
			ObjectNode call = message.putArray("tool_calls").addObject();
			wholeCall(call, answer.toolCall());
		}
		usage(json, request, answer, cachedTokens);
		return this.mapper.writeValueAsBytes(json);
	}

	/**
	 * One SSE event carrying a whole function call, or (with {@code fragment}) a piece of
	 * its arguments: the first piece with the call's id and name, the later ones with its
	 * index and the next arguments only.
	 */
	byte[] toolCallChunk(SimulatedRequest request, Envelope envelope, Answer.ToolCallAnswer toolCall,
			@Nullable String fragment, boolean first) {
		ObjectNode json = head(request, envelope, "chat.completion.chunk");
		ObjectNode delta = json.putArray("choices").addObject().put("index", 0).putObject("delta");
		delta.put("role", "assistant");
		ObjectNode call = delta.putArray("tool_calls").addObject();
		if (fragment == null) {
			wholeCall(call, toolCall);
		}
		else if (first) {
			call.put("id", toolCall.id()).put("index", 0).put("type", "function");
			call.putObject("function").put("name", toolCall.name()).put("arguments", fragment);
		}
		else {
			call.put("index", 0).putObject("function").put("arguments", fragment);
		}
		return event(json);
	}

	private void wholeCall(ObjectNode call, Answer.ToolCallAnswer toolCall) {
		call.put("id", toolCall.id()).put("index", 0).put("type", "function");
		ObjectNode function = call.putObject("function").put("name", toolCall.name());
		JsonNode object = toolCall.asObject() ? objectOrNull(toolCall.arguments()) : null;
		if (object != null) {
			function.set("arguments", object);
		}
		else {
			function.put("arguments", toolCall.arguments());
		}
	}

	/**
	 * The arguments as an object, or {@code null} when they are not one (cut off at the
	 * token limit).
	 */
	private @Nullable JsonNode objectOrNull(String arguments) {
		try {
			JsonNode node = this.mapper.readTree(arguments);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * One SSE event carrying a piece of reasoning or of the answer (exactly one of them
	 * non-null).
	 */
	byte[] chunk(SimulatedRequest request, Envelope envelope, @Nullable String reasoning, @Nullable String content) {
		ObjectNode json = head(request, envelope, "chat.completion.chunk");
		ObjectNode delta = json.putArray("choices").addObject().put("index", 0).putObject("delta");
		delta.put("role", "assistant");
		if (reasoning != null) {
			delta.put("reasoning_content", reasoning);
		}
		if (content != null) {
			delta.put("content", content);
		}
		return event(json);
	}

	/** The last SSE event: empty content, the finish reason and the usage. */
	byte[] lastChunk(SimulatedRequest request, Envelope envelope, Answer answer, int cachedTokens) {
		ObjectNode json = head(request, envelope, "chat.completion.chunk");
		ObjectNode choice = json.putArray("choices").addObject().put("index", 0);
		choice.put("finish_reason", answer.finishReason());
		choice.putObject("delta").put("role", "assistant").put("content", "");
		usage(json, request, answer, cachedTokens);
		return event(json);
	}

	/**
	 * A {@code data:} line whose JSON breaks off, the way concatenated events look on a
	 * bad day.
	 */
	byte[] malformedChunk(SimulatedRequest request, Envelope envelope) {
		String broken = "data: {\"id\":\"" + envelope.id() + "\",\"model\":\"" + request.model()
				+ "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":data: {\"id\n\n";
		return broken.getBytes(StandardCharsets.UTF_8);
	}

	byte[] done() {
		return DONE.clone();
	}

	byte[] error(SimulatorRule.Route route, int httpStatus, String code, String message) {
		ObjectNode json = this.mapper.createObjectNode();
		ObjectNode error = json.putObject("error");
		if (route == SimulatorRule.Route.OPENAI) {
			error.put("message", message);
			error.put("type", openAiType(httpStatus));
			error.put("code", code);
		}
		else {
			error.put("code", code);
			error.put("message", message);
		}
		return this.mapper.writeValueAsBytes(json);
	}

	private ObjectNode head(SimulatedRequest request, Envelope envelope, String object) {
		ObjectNode json = this.mapper.createObjectNode();
		json.put("id", envelope.id());
		json.put("object", object);
		if (request.route() != SimulatorRule.Route.OPENAI && object.equals("chat.completion")) {
			json.put("request_id", envelope.requestId());
		}
		json.put("created", envelope.created());
		json.put("model", request.model());
		return json;
	}

	private static void usage(ObjectNode json, SimulatedRequest request, Answer answer, int cachedTokens) {
		ObjectNode usage = json.putObject("usage");
		usage.put("prompt_tokens", request.prompt().total());
		usage.put("completion_tokens", answer.completionTokens());
		usage.put("total_tokens", request.prompt().total() + answer.completionTokens());
		usage.putObject("prompt_tokens_details").put("cached_tokens", cachedTokens);
		if (request.route() != SimulatorRule.Route.OPENAI) {
			usage.putObject("completion_tokens_details").put("reasoning_tokens", answer.reasoningPieces().size());
		}
	}

	private byte[] event(ObjectNode json) {
		return ("data: " + this.mapper.writeValueAsString(json) + "\n\n").getBytes(StandardCharsets.UTF_8);
	}

	private static String openAiType(int httpStatus) {
		return switch (httpStatus) {
			case 401 -> "authentication_error";
			case 404 -> "not_found_error";
			case 429 -> "rate_limit_error";
			default -> (httpStatus >= 500) ? "server_error" : "invalid_request_error";
		};
	}

	/**
	 * The identity shared by a response and all its chunks.
	 *
	 * @param id the response id
	 * @param requestId the client's request id, or the response id
	 * @param created Unix seconds
	 */
	record Envelope(String id, String requestId, long created) {
	}

}
