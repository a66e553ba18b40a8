package dev.glmbatch.simulator;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.glmbatch.testsupport.GlmSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class GlmSimulatorResponseTests {

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	private final RawHttp http = RawHttp.to(simulator);

	@Test
	void exposesBaseUrlsOnLoopback() {
		GlmSimulator running = simulator.simulator();

		assertThat(running.baseUrl()).hasToString("http://127.0.0.1:" + running.port());
		assertThat(running.zaiBaseUrl()).hasToString("http://127.0.0.1:" + running.port() + "/api/paas/v4");
		assertThat(running.openAiBaseUrl()).hasToString("http://127.0.0.1:" + running.port() + "/v1");
	}

	@Test
	void answersZaiRouteWithTheFieldSetOf2026() {
		long before = Instant.now().getEpochSecond();

		HttpResponse<String> response = this.http.post(RawHttp.ZAI,
				"""
						{"model":"glm-4.5-air","messages":[{"role":"user","content":"Say hello"}],"thinking":{"type":"disabled"}}""");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
		JsonNode json = RawHttp.json(response);
		assertThat(json.propertyNames()).containsExactly("id", "object", "request_id", "created", "model", "choices",
				"usage");
		assertThat(json.get("object").stringValue()).isEqualTo("chat.completion");
		assertThat(json.get("id").stringValue()).matches("\\d{14}[0-9a-f]{16}");
		assertThat(json.get("request_id").stringValue()).isEqualTo(json.get("id").stringValue());
		assertThat(json.get("created").longValue()).isBetween(before, Instant.now().getEpochSecond());
		assertThat(json.get("model").stringValue()).isEqualTo("glm-4.5-air");
		JsonNode choice = json.get("choices").get(0);
		assertThat(json.get("choices").size()).isEqualTo(1);
		assertThat(choice.propertyNames()).containsExactlyInAnyOrder("index", "finish_reason", "message");
		assertThat(choice.get("index").intValue()).isZero();
		assertThat(choice.get("finish_reason").stringValue()).isEqualTo("stop");
		assertThat(choice.get("message").propertyNames()).containsExactlyInAnyOrder("role", "content");
		assertThat(choice.get("message").get("role").stringValue()).isEqualTo("assistant");
		assertThat(choice.get("message").get("content").stringValue()).startsWith("Simulated answer ");
		JsonNode usage = json.get("usage");
		assertThat(usage.get("total_tokens").intValue())
			.isEqualTo(usage.get("prompt_tokens").intValue() + usage.get("completion_tokens").intValue());
		assertThat(usage.get("completion_tokens").intValue())
			.isEqualTo(TokenCounter.count(choice.get("message").get("content").stringValue()));
		assertThat(usage.get("prompt_tokens_details").get("cached_tokens").intValue()).isZero();
		assertThat(usage.get("completion_tokens_details").get("reasoning_tokens").intValue()).isZero();
	}

	@Test
	void answersOpenAiRouteWithObjectFieldAndNoRequestId() {
		HttpResponse<String> response = this.http.post(RawHttp.OPENAI,
				"""
						{"model":"glm-4.5-air","messages":[{"role":"user","content":"Say hello"}],"request_id":"job-1-item-1"}""");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode json = RawHttp.json(response);
		assertThat(json.get("object").stringValue()).isEqualTo("chat.completion");
		assertThat(json.has("request_id")).isFalse();
		assertThat(json.get("id").stringValue()).matches("\\d{14}[0-9a-f]{16}");
	}

	@Test
	void acceptsTheCodingPlanPrefix() {
		HttpResponse<String> response = this.http.post("/api/coding/paas/v4/chat/completions", """
				{"model":"glm-4.5","messages":[{"role":"user","content":"hi"}]}""");

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void echoesClientRequestId() {
		HttpResponse<String> response = this.http.post(RawHttp.ZAI, """
				{"model":"glm-4.5","messages":[{"role":"user","content":"hi"}],"request_id":"job42-item000017"}""");

		JsonNode json = RawHttp.json(response);
		assertThat(json.get("request_id").stringValue()).isEqualTo("job42-item000017");
		assertThat(json.get("id").stringValue()).isNotEqualTo("job42-item000017");
	}

	@Test
	void sendsReasoningByDefaultOnZaiRoute() {
		JsonNode message = message(this.http.post(RawHttp.ZAI, """
				{"model":"glm-4.5","messages":[{"role":"user","content":"hi"}]}"""));

		assertThat(message.get("reasoning_content").stringValue()).startsWith("Simulated reasoning");
	}

	@Test
	void sendsNoReasoningWhenThinkingIsDisabled() {
		JsonNode message = message(this.http.post(RawHttp.ZAI, """
				{"model":"glm-4.5","messages":[{"role":"user","content":"hi"}],"thinking":{"type":"disabled"}}"""));

		assertThat(message.has("reasoning_content")).isFalse();
	}

	@Test
	void readsThinkingFromChatTemplateKwargsOnOpenAiRoute() {
		JsonNode thinkingByDefault = message(this.http.post(RawHttp.OPENAI, """
				{"model":"glm-4.5","messages":[{"role":"user","content":"hi"}],"thinking":{"type":"disabled"}}"""));
		JsonNode notThinking = message(this.http.post(RawHttp.OPENAI,
				"""
						{"model":"glm-4.5","messages":[{"role":"user","content":"hi"}],"chat_template_kwargs":{"enable_thinking":false}}"""));

		assertThat(thinkingByDefault.get("reasoning_content").stringValue()).isNotEmpty();
		assertThat(notThinking.has("reasoning_content")).isFalse();
	}

	@Test
	void spendsSmallBudgetOnReasoningAndAnswersLengthWithEmptyContent() {
		JsonNode json = RawHttp.json(this.http.post(RawHttp.ZAI, """
				{"model":"glm-4.5","messages":[{"role":"user","content":"hi"}],"max_tokens":5}"""));

		JsonNode choice = json.get("choices").get(0);
		assertThat(choice.get("finish_reason").stringValue()).isEqualTo("length");
		assertThat(choice.get("message").get("content").stringValue()).isEmpty();
		assertThat(TokenCounter.count(choice.get("message").get("reasoning_content").stringValue())).isEqualTo(5);
		assertThat(json.get("usage").get("completion_tokens").intValue()).isEqualTo(5);
	}

	@Test
	void cutsAnswerAtBudgetAfterReasoning() {
		String body = """
				{"model":"glm-4.5","messages":[{"role":"user","content":"Target language: French\\n<<<DATA:t>>>\\nA fairly long sentence that needs quite a few tokens to finish.\\n<<<END:t>>>"}]%s}""";
		JsonNode full = RawHttp.json(this.http.post(RawHttp.ZAI, body.formatted("")));
		int reasoningTokens = TokenCounter
			.count(full.get("choices").get(0).get("message").get("reasoning_content").stringValue());

		JsonNode cut = RawHttp
			.json(this.http.post(RawHttp.ZAI, body.formatted(",\"max_tokens\":" + (reasoningTokens + 3))));

		JsonNode choice = cut.get("choices").get(0);
		String fullContent = full.get("choices").get(0).get("message").get("content").stringValue();
		assertThat(choice.get("finish_reason").stringValue()).isEqualTo("length");
		assertThat(choice.get("message").get("content").stringValue()).isNotEmpty()
			.isEqualTo(fullContent.substring(0, choice.get("message").get("content").stringValue().length()))
			.isNotEqualTo(fullContent);
		assertThat(cut.get("usage").get("completion_tokens").intValue()).isEqualTo(reasoningTokens + 3);
	}

	@Test
	void reportsCachedTokensWhenSystemPromptRepeats() {
		String system = "You are a careful translator. Keep every placeholder, tag and number exactly as written. "
			.repeat(4);
		String body = """
				{"model":"glm-4.5-air","messages":[{"role":"system","content":"%s"},{"role":"user","content":"%s"}]}""";

		JsonNode first = RawHttp.json(this.http.post(RawHttp.ZAI, body.formatted(system, "first item")));
		JsonNode second = RawHttp.json(this.http.post(RawHttp.ZAI, body.formatted(system, "second item")));
		JsonNode otherModel = RawHttp
			.json(this.http.post(RawHttp.ZAI, body.formatted(system, "third item").replace("glm-4.5-air", "glm-4.5")));

		int systemTokens = PromptTokens.MESSAGE_OVERHEAD + TokenCounter.count(system);
		assertThat(cached(first)).isZero();
		// the shared prefix is the system message plus the role markers of the next
		// message
		assertThat(cached(second)).isPositive()
			.isBetween(systemTokens / PromptTokens.CACHE_BLOCK * PromptTokens.CACHE_BLOCK,
					systemTokens + PromptTokens.MESSAGE_OVERHEAD)
			.isLessThan(second.get("usage").get("prompt_tokens").intValue());
		assertThat(cached(second) % PromptTokens.CACHE_BLOCK).isZero();
		assertThat(cached(otherModel)).isZero();
	}

	@Test
	void pseudoTranslatesDataBlockKeepingPlaceholdersMarkupAndLines() {
		String data = "Hello {name}, you have %d <b>new</b> messages.\\nSecond line: 42 & <i>more</i>";
		HttpResponse<String> response = this.http.post(RawHttp.ZAI,
				"""
						{"model":"glm-4.5-air","thinking":{"type":"disabled"},"messages":[
						 {"role":"system","content":"Translate the data block."},
						 {"role":"user","content":"Target language: German\\nTranslate this:\\n<<<DATA:item-7/ab>>>\\n%s\\n<<<END:item-7/ab>>>\\nOutput only the translation."}]}"""
					.formatted(data));

		assertThat(message(response).get("content").stringValue())
			.isEqualTo("[German] Hello {name}, you have %d <b>new</b> messages.\nSecond line: 42 & <i>more</i>");
	}

	@Test
	void ignoresDataBlockWithoutMatchingEndLine() {
		JsonNode message = message(this.http.post(RawHttp.ZAI,
				"""
						{"model":"glm-4.5","messages":[{"role":"user","content":"Target language: German\\n<<<DATA:a>>>\\nHello\\n<<<END:b>>>"}]}"""));

		assertThat(message.get("content").stringValue()).startsWith("Simulated answer ");
	}

	@Test
	void answersJsonObjectInJsonMode() {
		JsonNode message = message(this.http.post(RawHttp.ZAI,
				"""
						{"model":"glm-4.5","messages":[{"role":"user","content":"Classify: great product"}],"response_format":{"type":"json_object"}}"""));

		JsonNode answer = RawHttp.json(message.get("content").stringValue());
		assertThat(answer.get("simulated").booleanValue()).isTrue();
		assertThat(answer.get("result").stringValue()).startsWith("Simulated answer ");
	}

	@Test
	void answersSameBodyAlikeWhateverRequestIdAndKeyOrder() {
		String content = content(this.http.post(RawHttp.ZAI,
				"""
						{"model":"glm-4.5","temperature":0.2,"messages":[{"role":"user","content":"What is 2+2?"}],"request_id":"r-000001"}"""));
		String sameBody = content(this.http.post(RawHttp.ZAI,
				"""
						{"request_id":"r-000002","messages":[{"content":"What is 2+2?","role":"user"}],"temperature":0.2,"model":"glm-4.5"}"""));
		String otherBody = content(this.http.post(RawHttp.ZAI,
				"""
						{"model":"glm-4.5","temperature":0.2,"messages":[{"role":"user","content":"What is 3+3?"}],"request_id":"r-000003"}"""));

		assertThat(sameBody).isEqualTo(content);
		assertThat(otherBody).isNotEqualTo(content);
	}

	@Test
	void givesDistinctIdsToEveryResponse() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			ids.add(RawHttp.json(this.http.post(RawHttp.ZAI, """
					{"model":"glm-4.5","messages":[{"role":"user","content":"hi"}]}""")).get("id").stringValue());
		}

		assertThat(ids).doesNotHaveDuplicates();
	}

	@Test
	void answersUnknownPathsWith404() {
		assertThat(this.http.post("/api/paas/v4/embeddings", "{}").statusCode()).isEqualTo(404);
		assertThat(this.http.get(RawHttp.ZAI).statusCode()).isEqualTo(404);
		assertThat(simulator.stats().requests()).isZero();
	}

	private static int cached(JsonNode json) {
		return json.get("usage").get("prompt_tokens_details").get("cached_tokens").intValue();
	}

	private static JsonNode message(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return RawHttp.json(response).get("choices").get(0).get("message");
	}

	private static String content(HttpResponse<String> response) {
		return message(response).get("content").stringValue();
	}

}
