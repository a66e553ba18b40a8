package dev.glmbatch.llm.glm;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.ReasoningEffort;
import dev.glmbatch.llm.Thinking;
import dev.glmbatch.llm.ThinkingControl;

import static org.assertj.core.api.Assertions.assertThat;

class ChatRequestEncoderTests {

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final ChatRequest minimal = ChatRequest.of("glm-4.5-air", Thinking.DISABLED,
			ChatMessage.system("Translate to German."), ChatMessage.user("Good morning"));

	@Test
	void sendsOnlyWhatIsSetAndAlwaysThinkingInZaiForm() {
		JsonNode json = encode(minimal, GlmDialect.ZAI);

		assertThat(names(json)).containsExactlyInAnyOrder("model", "messages", "thinking", "request_id");
		assertThat(json.path("thinking").path("type").stringValue()).isEqualTo("disabled");
		assertThat(json.path("messages").get(0).path("role").stringValue()).isEqualTo("system");
		assertThat(json.path("messages").get(1).path("content").stringValue()).isEqualTo("Good morning");
		assertThat(json.path("request_id").stringValue()).isEqualTo("row-1-a1");
	}

	@Test
	void sendsEnableThinkingInOpenAiCompatibleForm() {
		JsonNode json = encode(minimal.withThinking(Thinking.ENABLED), GlmDialect.OPENAI_COMPATIBLE);

		assertThat(json.has("thinking")).isFalse();
		assertThat(json.path("chat_template_kwargs").path("enable_thinking").booleanValue()).isTrue();
	}

	@Test
	void sendsSamplingJsonModeAndStreamWhenSet() {
		ChatRequest full = new ChatRequest("glm-4.5", List.of(ChatMessage.user("hi")), Thinking.ENABLED, 0.3, 0.9,
				false, 1024, true, true, "t");

		JsonNode zai = encode(full, GlmDialect.ZAI);
		JsonNode openAi = encode(full, GlmDialect.OPENAI_COMPATIBLE);

		assertThat(zai.path("thinking").path("type").stringValue()).isEqualTo("enabled");
		assertThat(zai.path("temperature").doubleValue()).isEqualTo(0.3);
		assertThat(zai.path("top_p").doubleValue()).isEqualTo(0.9);
		assertThat(zai.path("do_sample").booleanValue()).isFalse();
		assertThat(zai.path("max_tokens").intValue()).isEqualTo(1024);
		assertThat(zai.path("response_format").path("type").stringValue()).isEqualTo("json_object");
		assertThat(zai.path("stream").booleanValue()).isTrue();
		assertThat(zai.has("stream_options")).isFalse();
		assertThat(openAi.path("stream_options").path("include_usage").booleanValue()).isTrue();
	}

	@Test
	void sendsThinkingInTheFormOfTheModelsControl() {
		ChatRequest off = minimal.withThinking(Thinking.DISABLED);
		ChatRequest on = minimal.withThinking(Thinking.ENABLED);

		JsonNode effortOff = encode(off, GlmDialect.ZAI, ThinkingControl.EFFORT);
		JsonNode effortOn = encode(on, GlmDialect.ZAI, ThinkingControl.EFFORT);
		JsonNode effortAsked = encode(off.withReasoningEffort(ReasoningEffort.MAX), GlmDialect.ZAI,
				ThinkingControl.EFFORT);
		JsonNode toggleAsked = encode(off.withReasoningEffort(ReasoningEffort.MAX), GlmDialect.ZAI,
				ThinkingControl.TOGGLE);
		JsonNode always = encode(off, GlmDialect.ZAI, ThinkingControl.ALWAYS);
		JsonNode selfHosted = encode(off, GlmDialect.OPENAI_COMPATIBLE, ThinkingControl.EFFORT);

		assertThat(effortOff.path("reasoning_effort").stringValue()).isEqualTo("low");
		assertThat(effortOff.has("thinking")).isFalse();
		assertThat(effortOn.path("reasoning_effort").stringValue()).isEqualTo("high");
		assertThat(effortAsked.path("reasoning_effort").stringValue()).isEqualTo("max");
		assertThat(toggleAsked.has("reasoning_effort")).isFalse();
		assertThat(toggleAsked.path("thinking").path("type").stringValue()).isEqualTo("disabled");
		assertThat(names(always)).containsExactlyInAnyOrder("model", "messages", "request_id");
		assertThat(selfHosted.has("reasoning_effort")).isFalse();
		assertThat(selfHosted.path("chat_template_kwargs").path("enable_thinking").booleanValue()).isFalse();
	}

	private JsonNode encode(ChatRequest request, GlmDialect dialect, ThinkingControl control) {
		return mapper
			.readTree(mapper.writeValueAsString(ChatRequestEncoder.encode(request, dialect, control, "row-1-a1")));
	}

	private JsonNode encode(ChatRequest request, GlmDialect dialect) {
		return mapper.readTree(mapper.writeValueAsString(ChatRequestEncoder.encode(request, dialect, "row-1-a1")));
	}

	private static List<String> names(JsonNode json) {
		return json.propertyNames().stream().toList();
	}

}
