package dev.glmbatch.llm.glm.api;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code POST /chat/completions}. Absent values are left out of the JSON, so the server applies its own
 * defaults; thinking is the exception and is always set by the client, because leaving it out means enabled.
 *
 * @param model the model id
 * @param messages the conversation, system prompt first
 * @param thinking Z.AI switch for reasoning, or {@code null} when the dialect uses {@code chatTemplateKwargs}
 * @param chatTemplateKwargs vLLM/SGLang switch for reasoning, or {@code null} on Z.AI
 * @param reasoningEffort {@code low}, {@code high} or {@code max} for a model that takes it, otherwise {@code null}
 * @param temperature sampling temperature, or {@code null}
 * @param topP nucleus sampling, or {@code null}
 * @param doSample {@code false} for greedy decoding, or {@code null}
 * @param maxTokens budget for reasoning plus answer, or {@code null}
 * @param responseFormat {@code json_object} for JSON mode, or {@code null}
 * @param stream {@code true} for server-sent events, or {@code null}
 * @param streamOptions asks an OpenAI-compatible server to end a stream with usage, or {@code null}
 * @param requestId a fresh id per attempt, 6 to 64 characters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatCompletionRequest(@JsonProperty("model") String model,
		@JsonProperty("messages") List<WireMessage> messages, @JsonProperty("thinking") @Nullable ThinkingOption thinking,
		@JsonProperty("chat_template_kwargs") @Nullable ChatTemplateKwargs chatTemplateKwargs,
		@JsonProperty("reasoning_effort") @Nullable String reasoningEffort,
		@JsonProperty("temperature") @Nullable Double temperature, @JsonProperty("top_p") @Nullable Double topP,
		@JsonProperty("do_sample") @Nullable Boolean doSample, @JsonProperty("max_tokens") @Nullable Integer maxTokens,
		@JsonProperty("response_format") @Nullable ResponseFormat responseFormat,
		@JsonProperty("stream") @Nullable Boolean stream,
		@JsonProperty("stream_options") @Nullable StreamOptions streamOptions,
		@JsonProperty("request_id") @Nullable String requestId) {

	public ChatCompletionRequest {
		Objects.requireNonNull(model, "model");
		messages = List.copyOf(messages);
	}

}
