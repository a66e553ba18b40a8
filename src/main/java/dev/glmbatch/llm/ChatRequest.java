package dev.glmbatch.llm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A chat completion request, independent of any provider's wire format.
 *
 * @param model the model id, e.g. {@code glm-4.5-air}
 * @param messages at least one message; the system prompt, if any, first
 * @param thinking whether the model reasons first; always sent
 * @param temperature sampling temperature, or {@code null} for the model default
 * @param topP nucleus sampling, or {@code null} for the model default
 * @param doSample {@code false} for greedy decoding, or {@code null} for the default
 * @param maxTokens budget for reasoning plus answer, or {@code null} for the model
 * default
 * @param jsonMode ask for a JSON object ({@code response_format: json_object})
 * @param stream receive the answer as server-sent events
 * @param tag a short label for logs and request ids (e.g. {@code job-row17-fr}), or
 * {@code null}
 * @param tools functions the model may call instead of answering in text; empty for a
 * plain text request
 * @param reasoningEffort the effort asked of a model whose thinking is set by effort, or
 * {@code null} to derive it from {@code thinking} (disabled: low, enabled: high); models
 * of other kinds never receive it
 */
public record ChatRequest(String model, List<ChatMessage> messages, Thinking thinking, @Nullable Double temperature,
		@Nullable Double topP, @Nullable Boolean doSample, @Nullable Integer maxTokens, boolean jsonMode,
		boolean stream, @Nullable String tag, List<ToolFunction> tools, @Nullable ReasoningEffort reasoningEffort) {

	public ChatRequest {
		Objects.requireNonNull(model, "model");
		Objects.requireNonNull(thinking, "thinking");
		if (model.isBlank()) {
			throw new IllegalArgumentException("model must not be blank");
		}
		messages = List.copyOf(messages);
		tools = List.copyOf(tools);
		if (messages.isEmpty()) {
			throw new IllegalArgumentException("messages must not be empty");
		}
		if (maxTokens != null && maxTokens < 1) {
			throw new IllegalArgumentException("maxTokens must be >= 1, was " + maxTokens);
		}
	}

	/**
	 * A request that offers no tools and leaves the reasoning effort to {@code thinking}.
	 */
	public ChatRequest(String model, List<ChatMessage> messages, Thinking thinking, @Nullable Double temperature,
			@Nullable Double topP, @Nullable Boolean doSample, @Nullable Integer maxTokens, boolean jsonMode,
			boolean stream, @Nullable String tag) {
		this(model, messages, thinking, temperature, topP, doSample, maxTokens, jsonMode, stream, tag, List.of(), null);
	}

	/**
	 * A request that offers tools and leaves the reasoning effort to {@code thinking}.
	 */
	public ChatRequest(String model, List<ChatMessage> messages, Thinking thinking, @Nullable Double temperature,
			@Nullable Double topP, @Nullable Boolean doSample, @Nullable Integer maxTokens, boolean jsonMode,
			boolean stream, @Nullable String tag, List<ToolFunction> tools) {
		this(model, messages, thinking, temperature, topP, doSample, maxTokens, jsonMode, stream, tag, tools, null);
	}

	/** A request that offers no tools. */
	public ChatRequest(String model, List<ChatMessage> messages, Thinking thinking, @Nullable Double temperature,
			@Nullable Double topP, @Nullable Boolean doSample, @Nullable Integer maxTokens, boolean jsonMode,
			boolean stream, @Nullable String tag, @Nullable ReasoningEffort reasoningEffort) {
		this(model, messages, thinking, temperature, topP, doSample, maxTokens, jsonMode, stream, tag, List.of(),
				reasoningEffort);
	}

	/**
	 * A request with the model defaults for everything but model, messages and thinking.
	 */
	public static ChatRequest of(String model, Thinking thinking, ChatMessage... messages) {
		return new ChatRequest(model, List.of(messages), thinking, null, null, null, null, false, false, null);
	}

	public ChatRequest withThinking(Thinking newThinking) {
		return new ChatRequest(model, messages, newThinking, temperature, topP, doSample, maxTokens, jsonMode, stream,
				tag, tools, reasoningEffort);
	}

	public ChatRequest withStream(boolean newStream) {
		return new ChatRequest(model, messages, thinking, temperature, topP, doSample, maxTokens, jsonMode, newStream,
				tag, tools, reasoningEffort);
	}

	public ChatRequest withMaxTokens(@Nullable Integer newMaxTokens) {
		return new ChatRequest(model, messages, thinking, temperature, topP, doSample, newMaxTokens, jsonMode, stream,
				tag, tools, reasoningEffort);
	}

	public ChatRequest withJsonMode(boolean newJsonMode) {
		return new ChatRequest(model, messages, thinking, temperature, topP, doSample, maxTokens, newJsonMode, stream,
				tag, tools, reasoningEffort);
	}

	public ChatRequest withTag(@Nullable String newTag) {
		return new ChatRequest(model, messages, thinking, temperature, topP, doSample, maxTokens, jsonMode, stream,
				newTag, tools, reasoningEffort);
	}

	public ChatRequest withTools(List<ToolFunction> newTools) {
		return new ChatRequest(model, messages, thinking, temperature, topP, doSample, maxTokens, jsonMode, stream, tag,
				newTools, reasoningEffort);
	}

	public ChatRequest withReasoningEffort(@Nullable ReasoningEffort newReasoningEffort) {
		return new ChatRequest(model, messages, thinking, temperature, topP, doSample, maxTokens, jsonMode, stream, tag,
				tools, newReasoningEffort);
	}

	/**
	 * A stable SHA-256 of everything that decides the answer: model, messages, thinking,
	 * sampling, token budget, JSON mode, the tools offered and the reasoning effort when
	 * one is set. Streaming and the tag do not count: they change how the answer travels,
	 * not what it is.
	 */
	public String fingerprint() {
		StringBuilder canonical = new StringBuilder(256);
		field(canonical, "model", model);
		field(canonical, "thinking", thinking.name());
		field(canonical, "temperature", String.valueOf(temperature));
		field(canonical, "topP", String.valueOf(topP));
		field(canonical, "doSample", String.valueOf(doSample));
		field(canonical, "maxTokens", String.valueOf(maxTokens));
		field(canonical, "json", String.valueOf(jsonMode));
		if (reasoningEffort != null) {
			// only when set, so that requests without one keep the fingerprints their
			// ledger entries have
			field(canonical, "reasoningEffort", reasoningEffort.key());
		}
		for (ChatMessage message : messages) {
			field(canonical, message.role().name(), message.content());
		}
		// absent without tools, so that the fingerprints of plain requests stay those of
		// earlier versions
		for (ToolFunction tool : tools) {
			field(canonical, "tool", tool.name());
			field(canonical, "toolDescription", tool.description());
			field(canonical, "toolParameters", tool.parameters());
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	// length-prefixed, so no choice of content can make two different requests collide
	private static void field(StringBuilder out, String name, String value) {
		out.append(name).append(':').append(value.length()).append(':').append(value).append('\n');
	}

}
