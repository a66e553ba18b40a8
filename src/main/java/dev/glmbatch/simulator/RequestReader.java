package dev.glmbatch.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Parses and validates a chat-completions body the way the hosted API does, refusing it
 * with the API's codes.
 *
 * <p>
 * A body that is not JSON, or not a JSON object, is refused with {@code 1210} (invalid
 * API parameters), because no single field can be named; invalid field values get
 * {@code 1214} with the field named in the message; a missing {@code model} or
 * {@code messages} gets {@code 1213}; an unknown model {@code 1211}; a prompt over the
 * context window {@code 1261}. All are HTTP 400. Unknown fields are ignored, as the API
 * does. A {@code tool_choice} other than {@code "auto"} is refused with {@code 1214} and
 * the message "Tool choice must be auto", as the API was seen to do.
 *
 * <p>
 * On the OpenAI-compatible route thinking is read from
 * {@code chat_template_kwargs.enable_thinking} (default true) and the top-level
 * {@code thinking} object is ignored, as vLLM's GLM template does.
 *
 * <p>
 * Each model takes the thinking setting its own way ({@link SimulatedModels}): a model
 * that cannot stop thinking refuses {@code thinking: {type: disabled}}, and a model
 * before GLM-5.2 refuses {@code reasoning_effort}, both with {@code 1210} and a message
 * naming the parameter, as the platform does. Limits ({@code max_tokens}, context) are
 * the model's.
 */
final class RequestReader {

	/** The context window of GLM-4.5, the smallest of any model. */
	static final int CONTEXT_TOKENS = 131_072;

	static final int MAX_TOOLS = 128;

	private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

	private static final Set<String> EFFORTS = Set.of("low", "high", "max");

	private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");

	private static final Set<String> IGNORED_FOR_FINGERPRINT = Set.of("request_id");

	private static final Set<String> IGNORED_FOR_ANSWER = Set.of("request_id", "stream", "max_tokens", "tool_stream",
			"reasoning_effort");

	private final ObjectMapper mapper;

	RequestReader(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	SimulatedRequest read(byte[] body, SimulatorRule.Route route) throws RequestRejectedException {
		JsonNode root = parse(body);
		String model = requiredModel(root);
		List<SimulatedRequest.Message> messages = messages(root);
		SimulatedModels.Model spec = SimulatedModels.of(model);
		if (spec == null) {
			throw new RequestRejectedException(400, "1211", "[simulator] Model '" + model + "' does not exist");
		}
		checkRange(root, "temperature", 0.0, 1.0);
		checkRange(root, "top_p", 0.01, 1.0);
		Integer maxTokens = maxTokens(root, spec.maxOutputTokens());
		boolean stream = optionalBoolean(root, "stream", false);
		optionalBoolean(root, "do_sample", true);
		boolean thinking = (route == SimulatorRule.Route.OPENAI) ? templateThinking(root) : thinking(root);
		String effort = (route == SimulatorRule.Route.OPENAI) ? null : reasoningEffort(root, model, spec);
		if (!thinking && !spec.canDisableThinking()) {
			if (route == SimulatorRule.Route.ZAI) {
				throw new RequestRejectedException(400, "1210", "[simulator] Invalid API parameter: thinking.type"
						+ " \"disabled\" is not supported by " + model + "; use reasoning_effort");
			}
			thinking = true;
		}
		if (!spec.canDisableThinking() && effort == null) {
			effort = "max";
		}
		boolean jsonMode = jsonMode(root);
		List<SimulatedRequest.Tool> tools = tools(root);
		checkToolChoice(root);
		boolean toolStream = optionalBoolean(root, "tool_stream", false);
		String requestId = requestId(root);
		PromptTokens prompt = PromptTokens.measure(messages);
		if (prompt.total() > spec.contextTokens()) {
			throw new RequestRejectedException(400, "1261", "[simulator] The prompt has about " + prompt.total()
					+ " tokens, more than the " + spec.contextTokens() + " of the context window");
		}
		byte[] answerDigest = RequestFingerprint.digest(root, IGNORED_FOR_ANSWER);
		String fingerprint = RequestFingerprint.hex(RequestFingerprint.digest(root, IGNORED_FOR_FINGERPRINT));
		return new SimulatedRequest(route, model, messages, thinking, stream, maxTokens, jsonMode, requestId,
				fingerprint, RequestFingerprint.leadingLong(answerDigest), prompt, tools, toolStream, effort);
	}

	private JsonNode parse(byte[] body) throws RequestRejectedException {
		JsonNode root;
		try {
			root = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new RequestRejectedException(400, "1210", "[simulator] The request body is not valid JSON");
		}
		if (root == null || !root.isObject()) {
			throw new RequestRejectedException(400, "1210", "[simulator] The request body must be a JSON object");
		}
		return root;
	}

	private static String requiredModel(JsonNode root) throws RequestRejectedException {
		JsonNode model = root.get("model");
		if (model == null || model.isNull()) {
			throw missing("model");
		}
		if (!model.isString() || model.stringValue().isBlank()) {
			throw RequestRejectedException.invalid("model", "must be a non-empty string");
		}
		return model.stringValue();
	}

	private static List<SimulatedRequest.Message> messages(JsonNode root) throws RequestRejectedException {
		JsonNode messages = root.get("messages");
		if (messages == null || messages.isNull()) {
			throw missing("messages");
		}
		if (!messages.isArray() || messages.isEmpty()) {
			throw RequestRejectedException.invalid("messages", "must be a non-empty array");
		}
		List<SimulatedRequest.Message> result = new ArrayList<>(messages.size());
		boolean asksSomething = false;
		for (int i = 0; i < messages.size(); i++) {
			SimulatedRequest.Message message = message(messages.get(i), "messages[" + i + "]");
			asksSomething |= message.role().equals("user") || message.role().equals("tool");
			result.add(message);
		}
		if (!asksSomething) {
			throw RequestRejectedException.invalid("messages", "must contain a user message");
		}
		return result;
	}

	private static SimulatedRequest.Message message(JsonNode node, String path) throws RequestRejectedException {
		if (!node.isObject()) {
			throw RequestRejectedException.invalid(path, "must be an object");
		}
		JsonNode role = node.get("role");
		if (role == null || !role.isString() || !ROLES.contains(role.stringValue())) {
			throw RequestRejectedException.invalid(path + ".role", "must be one of " + String.join(", ", ROLES));
		}
		JsonNode content = node.get("content");
		boolean mayOmitContent = role.stringValue().equals("assistant");
		if (content == null || content.isNull()) {
			if (!mayOmitContent) {
				throw RequestRejectedException.invalid(path + ".content", "must be a string");
			}
			return new SimulatedRequest.Message(role.stringValue(), "");
		}
		if (!content.isString()) {
			throw RequestRejectedException.invalid(path + ".content", "must be a string for text models");
		}
		return new SimulatedRequest.Message(role.stringValue(), content.stringValue());
	}

	private static void checkRange(JsonNode root, String field, double min, double max)
			throws RequestRejectedException {
		JsonNode value = root.get(field);
		if (value == null || value.isNull()) {
			return;
		}
		if (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max) {
			throw RequestRejectedException.invalid(field, "must be a number within [" + min + ", " + max + "]");
		}
	}

	private static @Nullable Integer maxTokens(JsonNode root, int maxOutputTokens) throws RequestRejectedException {
		JsonNode value = root.get("max_tokens");
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1
				|| value.intValue() > maxOutputTokens) {
			throw RequestRejectedException.invalid("max_tokens",
					"must be an integer within [1, " + maxOutputTokens + "]");
		}
		return value.intValue();
	}

	/**
	 * The {@code reasoning_effort} of a model that takes one, or {@code null} when none
	 * was sent.
	 */
	private static @Nullable String reasoningEffort(JsonNode root, String model, SimulatedModels.Model spec)
			throws RequestRejectedException {
		JsonNode value = root.get("reasoning_effort");
		if (value == null || value.isNull()) {
			return null;
		}
		if (!spec.takesEffort()) {
			throw new RequestRejectedException(400, "1210",
					"[simulator] Invalid API parameter: reasoning_effort is not supported by " + model);
		}
		if (!value.isString() || !EFFORTS.contains(value.stringValue())) {
			throw RequestRejectedException.invalid("reasoning_effort", "must be \"low\", \"high\" or \"max\"");
		}
		return value.stringValue();
	}

	private static boolean optionalBoolean(JsonNode root, String field, boolean absent)
			throws RequestRejectedException {
		JsonNode value = root.get(field);
		if (value == null || value.isNull()) {
			return absent;
		}
		if (!value.isBoolean()) {
			throw RequestRejectedException.invalid(field, "must be true or false");
		}
		return value.booleanValue();
	}

	private static boolean thinking(JsonNode root) throws RequestRejectedException {
		String type = optionType(root, "thinking", "enabled", "disabled");
		return type == null || type.equals("enabled");
	}

	private static boolean templateThinking(JsonNode root) throws RequestRejectedException {
		JsonNode kwargs = root.get("chat_template_kwargs");
		if (kwargs == null || kwargs.isNull()) {
			return true;
		}
		if (!kwargs.isObject()) {
			throw RequestRejectedException.invalid("chat_template_kwargs", "must be an object");
		}
		return optionalBoolean(kwargs, "enable_thinking", true);
	}

	private static boolean jsonMode(JsonNode root) throws RequestRejectedException {
		return "json_object".equals(optionType(root, "response_format", "text", "json_object"));
	}

	/**
	 * The {@code type} of an optional object such as {@code "thinking": {"type":
	 * "enabled"}}: one of two values, or {@code null} when the object is absent.
	 */
	private static @Nullable String optionType(JsonNode root, String field, String one, String other)
			throws RequestRejectedException {
		JsonNode option = root.get(field);
		if (option == null || option.isNull()) {
			return null;
		}
		JsonNode type = option.isObject() ? option.get("type") : null;
		String value = (type != null && type.isString()) ? type.stringValue() : "";
		if (!value.equals(one) && !value.equals(other)) {
			throw RequestRejectedException.invalid(field + ".type", "must be \"" + one + "\" or \"" + other + "\"");
		}
		return value;
	}

	private List<SimulatedRequest.Tool> tools(JsonNode root) throws RequestRejectedException {
		JsonNode tools = root.get("tools");
		if (tools == null || tools.isNull()) {
			return List.of();
		}
		if (!tools.isArray() || tools.size() > MAX_TOOLS) {
			throw RequestRejectedException.invalid("tools", "must be an array of at most " + MAX_TOOLS + " tools");
		}
		List<SimulatedRequest.Tool> result = new ArrayList<>();
		for (int i = 0; i < tools.size(); i++) {
			JsonNode tool = tools.get(i);
			String path = "tools[" + i + "]";
			if (!tool.isObject() || !tool.path("type").isString()) {
				throw RequestRejectedException.invalid(path + ".type", "must be function, retrieval or web_search");
			}
			if (!tool.path("type").stringValue().equals("function")) {
				// retrieval and web_search tools are accepted and never called
				continue;
			}
			JsonNode function = tool.get("function");
			if (function == null || !function.isObject()) {
				throw RequestRejectedException.invalid(path + ".function", "must be an object");
			}
			JsonNode name = function.get("name");
			if (name == null || !name.isString() || !TOOL_NAME.matcher(name.stringValue()).matches()) {
				throw RequestRejectedException.invalid(path + ".function.name", "must match ^[a-zA-Z0-9_-]{1,64}$");
			}
			JsonNode parameters = function.get("parameters");
			if (parameters != null && !parameters.isNull() && !parameters.isObject()) {
				throw RequestRejectedException.invalid(path + ".function.parameters", "must be a JSON Schema object");
			}
			result.add(new SimulatedRequest.Tool(name.stringValue(),
					(parameters != null && parameters.isObject()) ? parameters : this.mapper.createObjectNode()));
		}
		return result;
	}

	/**
	 * Whether the model streams call arguments in fragments with {@code tool_stream}:
	 * GLM-4.6 and later.
	 */
	static boolean streamsToolArguments(String model) {
		return !model.startsWith("glm-4.5");
	}

	private static void checkToolChoice(JsonNode root) throws RequestRejectedException {
		JsonNode toolChoice = root.get("tool_choice");
		if (toolChoice != null && !toolChoice.isNull()
				&& !(toolChoice.isString() && toolChoice.stringValue().equals("auto"))) {
			throw new RequestRejectedException(400, "1214",
					"[simulator] Tool choice must be auto (tool_choice takes only \"auto\")");
		}
	}

	private static @Nullable String requestId(JsonNode root) throws RequestRejectedException {
		JsonNode requestId = root.get("request_id");
		if (requestId == null || requestId.isNull()) {
			return null;
		}
		if (!requestId.isString() || requestId.stringValue().isBlank()) {
			throw RequestRejectedException.invalid("request_id", "must be a non-empty string");
		}
		return requestId.stringValue();
	}

	private static RequestRejectedException missing(String field) {
		return new RequestRejectedException(400, "1213", "[simulator] The " + field + " parameter was not received");
	}

}
