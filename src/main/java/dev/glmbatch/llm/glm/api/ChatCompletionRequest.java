package dev.glmbatch.llm.glm.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /chat/completions}. Absent values are left out of the JSON, so the
 * server applies its own defaults; thinking is the exception and is always set by the
 * client, because leaving it out means enabled.
 *
 * @param model the model id
 * @param messages the conversation, system prompt first
 * @param thinking Z.AI switch for reasoning, or {@code null} when the dialect uses
 * {@code chatTemplateKwargs}
 * @param chatTemplateKwargs vLLM/SGLang switch for reasoning, or {@code null} on Z.AI
 * @param reasoningEffort {@code low}, {@code high} or {@code max} for a model that takes
 * it, otherwise {@code null}
 * @param temperature sampling temperature, or {@code null}
 * @param topP nucleus sampling, or {@code null}
 * @param doSample {@code false} for greedy decoding, or {@code null}
 * @param maxTokens budget for reasoning plus answer, or {@code null}
 * @param responseFormat {@code json_object} for JSON mode, or {@code null}
 * @param stream {@code true} for server-sent events, or {@code null}
 * @param streamOptions asks an OpenAI-compatible server to end a stream with usage, or
 * {@code null}
 * @param requestId a fresh id per attempt, 6 to 64 characters
 * @param tools the functions the model may call, or {@code null}
 * @param toolChoice {@code auto} with tools (the only value GLM accepts), or {@code null}
 * @param toolStream {@code true} to stream a call's arguments in fragments (GLM-4.6 and
 * later), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(@JsonProperty("model") String model,
		@JsonProperty("messages") List<WireMessage> messages,
		@JsonProperty("thinking") @Nullable ThinkingOption thinking,
		@JsonProperty("chat_template_kwargs") @Nullable ChatTemplateKwargs chatTemplateKwargs,
		@JsonProperty("reasoning_effort") @Nullable String reasoningEffort,
		@JsonProperty("temperature") @Nullable Double temperature, @JsonProperty("top_p") @Nullable Double topP,
		@JsonProperty("do_sample") @Nullable Boolean doSample, @JsonProperty("max_tokens") @Nullable Integer maxTokens,
		@JsonProperty("response_format") @Nullable ResponseFormat responseFormat,
		@JsonProperty("stream") @Nullable Boolean stream,
		@JsonProperty("stream_options") @Nullable StreamOptions streamOptions,
		@JsonProperty("request_id") @Nullable String requestId, @JsonProperty("tools") @Nullable List<WireTool> tools,
		@JsonProperty("tool_choice") @Nullable String toolChoice,
		@JsonProperty("tool_stream") @Nullable Boolean toolStream) {

	public ChatCompletionRequest {
		Objects.requireNonNull(model, "model");
		messages = List.copyOf(messages);
		tools = (tools != null) ? List.copyOf(tools) : null;
	}

	/** A body without tools. */
	public ChatCompletionRequest(String model, List<WireMessage> messages, @Nullable ThinkingOption thinking,
			@Nullable ChatTemplateKwargs chatTemplateKwargs, @Nullable Double temperature, @Nullable Double topP,
			@Nullable Boolean doSample, @Nullable Integer maxTokens, @Nullable ResponseFormat responseFormat,
			@Nullable Boolean stream, @Nullable StreamOptions streamOptions, @Nullable String requestId) {
		this(model, messages, thinking, chatTemplateKwargs, null, temperature, topP, doSample, maxTokens,
				responseFormat, stream, streamOptions, requestId, null, null, null);
	}

}
