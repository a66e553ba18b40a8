package dev.glmbatch.llm.glm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

import dev.glmbatch.testsupport.GlmPropertiesBuilder;
import dev.glmbatch.testsupport.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.FatalLlmException;
import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.ItemLlmException;
import dev.glmbatch.llm.LlmException;
import dev.glmbatch.llm.Thinking;
import dev.glmbatch.llm.TokenUsage;
import dev.glmbatch.llm.TransientLlmException;
import dev.glmbatch.llm.glm.StubGlmServer.Received;
import dev.glmbatch.llm.glm.StubGlmServer.Reply;

import static dev.glmbatch.testsupport.GlmPropertiesBuilder.glmProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The client over real HTTP against {@link StubGlmServer}, for wire details the simulator
 * does not produce: headers, request ids, non-JSON bodies, other error shapes, errors
 * inside a stream, HTTP-date Retry-After, endless trickles.
 */
class GlmClientWireTests {

	private static final String KEY = "stub-id.wire-canary-Zq81";

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final ChatRequest REQUEST = ChatRequest
		.of("glm-4.5-air", Thinking.DISABLED, ChatMessage.user("Good morning"))
		.withTag("job7-row3");

	/** GLM's answer when it is busy (code 1302), which the client retries. */
	private static final Reply BUSY = Reply.json(429, "{\"error\":{\"code\":\"1302\",\"message\":\"busy\"}}");

	private final JsonMapper json = JsonMapper.builder().build();

	private final StubGlmServer stub = StubGlmServer.start();

	private final RecordingSleeper sleeper = new RecordingSleeper();

	private GlmClient client = client(glmProperties(KEY).baseUrl(stub.baseUrl()).build());

	@AfterEach
	void stop() {
		client.close();
		stub.close();
	}

	@Test
	void sendsHeadersExplicitThinkingAndANewRequestIdPerAttempt() {
		stub.enqueue(BUSY);

		ChatAnswer answer = client.complete(REQUEST);

		assertThat(answer.content()).isEqualTo("ok");
		assertThat(answer.attempts()).isEqualTo(2);
		List<Received> received = stub.received();
		assertThat(received).hasSize(2);
		Received first = received.get(0);
		assertThat(first.header("Authorization")).isEqualTo("Bearer " + KEY);
		assertThat(first.header("Content-Type")).isEqualTo("application/json");
		assertThat(first.header("Accept-Language")).isEqualTo("en-US,en");
		JsonNode firstBody = json.readTree(first.body());
		JsonNode secondBody = json.readTree(received.get(1).body());
		assertThat(firstBody.path("thinking").path("type").stringValue()).isEqualTo("disabled");
		assertThat(firstBody.path("request_id").stringValue()).matches("job7-row3-[0-9a-f]{12}-a1");
		assertThat(secondBody.path("request_id").stringValue()).matches("job7-row3-[0-9a-f]{12}-a2");
	}

	@Test
	void sendsNoAuthorizationHeaderWithoutAKey() {
		useClient(glmProperties(""));

		client.complete(REQUEST);

		assertThat(stub.received().get(0).header("Authorization")).isNull();
	}

	@ParameterizedTest(name = "HTML page with HTTP {0}")
	@ValueSource(ints = { 200, 405, 502 })
	void retriesBodiesThatAreNotJson(int status) {
		stub.enqueue(Reply.html(status));

		ChatAnswer answer = client.complete(REQUEST);

		assertThat(answer.content()).isEqualTo("ok");
		assertThat(stub.received()).hasSize(2);
	}

	@Test
	void retriesTruncatedJson() {
		stub.enqueue(Reply.json(200, StubGlmServer.OK_BODY.substring(0, 80)));

		assertThat(client.complete(REQUEST).attempts()).isEqualTo(2);
	}

	@Test
	void stopsOnBalanceExhaustedWithNumericCodeDespiteHttp429() {
		stub.enqueue(Reply.json(429, "{\"code\":1113,\"msg\":\"Insufficient balance\"}"));

		FatalLlmException ex = catchThrowableOfType(FatalLlmException.class, () -> client.complete(REQUEST));

		assertThat(ex.code()).isEqualTo("1113");
		assertThat(ex.httpStatus()).isEqualTo(429);
		assertThat(ex.attempts()).isEqualTo(1);
		assertThat(ex.requestId()).startsWith("job7-row3-");
		assertThat(stub.received()).hasSize(1);
	}

	@Test
	void failsTheItemOnAFlatErrorShape() {
		stub.enqueue(Reply.json(400, "{\"error\":\"unsafe content\",\"code\":1301}"));

		ItemLlmException ex = catchThrowableOfType(ItemLlmException.class, () -> client.complete(REQUEST));

		assertThat(ex.code()).isEqualTo("1301");
		assertThat(ex).hasMessageContaining("unsafe content");
		assertThat(stub.received()).hasSize(1);
	}

	@Test
	void stopsOnUnauthorizedWithoutABody() {
		stub.enqueue(Reply.json(401, ""));

		assertThatExceptionOfType(FatalLlmException.class).isThrownBy(() -> client.complete(REQUEST));
		assertThat(stub.received()).hasSize(1);
	}

	@Test
	void classifiesAnErrorLineInsideAStream() {
		stub.enqueue(Reply.sse("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Par\"}}]}",
				"{\"error\":{\"code\":\"1301\",\"message\":\"unsafe output\"}}"));

		ItemLlmException ex = catchThrowableOfType(ItemLlmException.class,
				() -> client.complete(REQUEST.withStream(true)));

		assertThat(ex.code()).isEqualTo("1301");
		assertThat(ex.httpStatus()).isEqualTo(200);
	}

	@Test
	void retriesAStreamThatEndsWithoutFinishReason() {
		stub.enqueue(Reply.sse("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"half an ans\"}}]}"),
				Reply.sse("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"whole\"}}]}",
						"{\"choices\":[{\"index\":0,\"delta\":{\"content\":\" answer\"},\"finish_reason\":\"stop\"}],"
								+ "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":2}}",
						"[DONE]"));

		ChatAnswer answer = client.complete(REQUEST.withStream(true));

		assertThat(answer.content()).isEqualTo("whole answer");
		assertThat(answer.attempts()).isEqualTo(2);
		assertThat(answer.usage()).isEqualTo(new TokenUsage(4, 2, 0));
	}

	@Test
	void readsAWholeJsonAnswerWhenAStreamWasAskedButNotGiven() {
		assertThat(client.complete(REQUEST.withStream(true)).content()).isEqualTo("ok");
	}

	@Test
	void honoursRetryAfterGivenAsHttpDate() {
		String inSevenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.ofInstant(NOW.plusSeconds(7), ZoneOffset.UTC));
		stub.enqueue(Reply.json(503, "{\"error\":{\"code\":\"1305\",\"message\":\"overloaded\"}}")
			.withHeader("Retry-After", inSevenSeconds));

		client.complete(REQUEST);

		assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
	}

	@Test
	void failsAtOnceWhenRetryAfterExceedsTheCap() {
		stub.enqueue(BUSY.withHeader("Retry-After", "86400"));

		TransientLlmException ex = catchThrowableOfType(TransientLlmException.class, () -> client.complete(REQUEST));

		assertThat(ex.attempts()).isEqualTo(1);
		assertThat(ex).hasMessageContaining("86400 s").hasMessageContaining("glm.max-retry-after");
		assertThat(sleeper.waits()).isEmpty();
		assertThat(stub.received()).hasSize(1);
	}

	@Test
	@Timeout(20)
	void timesOutWaitingForHeaders() {
		useClient(glmProperties(KEY).callTimeout(Duration.ofMillis(300)).maxAttempts(2));
		stub.enqueue(Reply.ok().withHeaderDelay(Duration.ofSeconds(3)),
				Reply.ok().withHeaderDelay(Duration.ofSeconds(3)));

		TransientLlmException ex = catchThrowableOfType(TransientLlmException.class, () -> client.complete(REQUEST));

		assertThat(ex).hasMessageContaining("glm.call-timeout");
		assertThat(ex.attempts()).isEqualTo(2);
	}

	@Test
	@Timeout(20)
	void sendsAnUnansweredRequestOnceMoreUnderTheSameIdAndNeverAThirdTime() {
		useClient(glmProperties(KEY).callTimeout(Duration.ofMillis(300)));
		stub.enqueue(Reply.ok().withHeaderDelay(Duration.ofSeconds(2)),
				Reply.ok().withHeaderDelay(Duration.ofSeconds(2)));

		TransientLlmException ex = catchThrowableOfType(TransientLlmException.class, () -> client.complete(REQUEST));

		assertThat(ex.attempts()).isEqualTo(2);
		assertThat(ex).hasMessageContaining("no answer twice").hasMessageContaining("not sent a third time");
		List<Received> received = stub.received();
		assertThat(received).hasSize(2);
		String firstId = json.readTree(received.get(0).body()).path("request_id").stringValue();
		assertThat(json.readTree(received.get(1).body()).path("request_id").stringValue()).isEqualTo(firstId);
	}

	@Test
	@Timeout(20)
	void anIdOnceUnansweredStaysTheIdOfTheCallThroughOtherFaults() {
		useClient(glmProperties(KEY).callTimeout(Duration.ofMillis(300)));
		stub.enqueue(Reply.ok().withHeaderDelay(Duration.ofSeconds(2)), BUSY,
				Reply.ok().withHeaderDelay(Duration.ofSeconds(2)));

		TransientLlmException ex = catchThrowableOfType(TransientLlmException.class, () -> client.complete(REQUEST));

		assertThat(ex).hasMessageContaining("not sent a third time");
		List<String> ids = stub.received()
			.stream()
			.map(received -> json.readTree(received.body()).path("request_id").stringValue())
			.toList();
		assertThat(ids).hasSize(3).containsOnly(ids.get(0));
	}

	@Test
	@Timeout(20)
	void anAnswerAfterATimeoutAndA1302ArrivesUnderTheFirstId() {
		useClient(glmProperties(KEY).callTimeout(Duration.ofMillis(300)));
		stub.enqueue(Reply.ok().withHeaderDelay(Duration.ofSeconds(2)), BUSY);

		ChatAnswer answer = client.complete(REQUEST);

		assertThat(answer.attempts()).isEqualTo(3);
		List<String> ids = stub.received()
			.stream()
			.map(received -> json.readTree(received.body()).path("request_id").stringValue())
			.toList();
		assertThat(ids).as("a new id could be billed beside the unanswered one").hasSize(3).containsOnly(ids.get(0));
	}

	@ParameterizedTest(name = "streaming {0}")
	@ValueSource(booleans = { false, true })
	@Timeout(20)
	void cutsAResponseThatTricklesForever(boolean stream) {
		useClient(glmProperties(KEY).callTimeout(Duration.ofMillis(600)).maxAttempts(2));
		Reply trickle = stream ? Reply.sse("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}") : Reply.ok();
		stub.enqueue(trickle.dripping(Duration.ofMillis(20)), trickle.dripping(Duration.ofMillis(20)));

		TransientLlmException ex = catchThrowableOfType(TransientLlmException.class,
				() -> client.complete(REQUEST.withStream(stream)));

		assertThat(ex).hasMessageContaining("glm.call-timeout");
		assertThat(ex.httpStatus()).isEqualTo(200);
		assertThat(stub.received()).hasSize(2);
	}

	@Test
	void neverReturnsTextCutBySafetyFilter() {
		stub.enqueue(Reply.json(200,
				"""
						{"id":"x","model":"glm-4.5-air","choices":[{"index":0,"finish_reason":"sensitive",
						 "message":{"role":"assistant","content":"partial transl"}}],"usage":{"prompt_tokens":3,"completion_tokens":2}}
						"""));

		ItemLlmException ex = catchThrowableOfType(ItemLlmException.class, () -> client.complete(REQUEST));

		assertThat(ex.code()).isEqualTo("sensitive");
		assertThat(ex).hasMessageNotContaining("partial transl");
	}

	@Test
	void fallsBackToReasoningWhenASelfHostedServerFiledTheAnswerThere() {
		useClient(glmProperties("").dialect(GlmDialect.OPENAI_COMPATIBLE));
		stub.enqueue(Reply.json(200, """
				{"id":"chatcmpl-1","object":"chat.completion","model":"zai-org/GLM-4.5-Air","system_fingerprint":null,
				 "choices":[{"index":0,"finish_reason":"stop","logprobs":null,
				 "message":{"role":"assistant","content":"","reasoning_content":"Guten Morgen"}}],
				 "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}
				"""));

		ChatAnswer answer = client
			.complete(ChatRequest.of("zai-org/GLM-4.5-Air", Thinking.ENABLED, ChatMessage.user("Good morning")));

		assertThat(answer.content()).isEqualTo("Guten Morgen");
		assertThat(answer.reasoning()).isNull();
		assertThat(answer.model()).isEqualTo("zai-org/GLM-4.5-Air");
		assertThat(answer.costUsd()).isZero();
	}

	@Test
	void readsNewerVllmReasoningFieldAndThinkTags() {
		stub.enqueue(Reply.json(200, """
				{"id":"a","choices":[{"index":0,"finish_reason":"stop","message":{"content":"Hallo","reasoning":"r1"}}]}
				"""), Reply.json(200,
				"""
						{"id":"b","choices":[{"index":0,"finish_reason":"stop","message":{"content":"<think>r2</think>\\n\\nHallo"}}]}
						"""));

		ChatAnswer first = client.complete(REQUEST);
		ChatAnswer second = client.complete(REQUEST);

		assertThat(first.reasoning()).isEqualTo("r1");
		assertThat(second.reasoning()).isEqualTo("r2");
		assertThat(second.content()).isEqualTo("Hallo");
		assertThat(second.usage()).isEqualTo(TokenUsage.ZERO);
	}

	@Test
	void returnsATruncatedAnswerWithLengthForTheCallerToJudge() {
		stub.enqueue(Reply.json(200,
				"""
						{"id":"a","model":"glm-4.5-air","choices":[{"index":0,"finish_reason":"length","message":{"content":"Guten Mo"}}],
						 "usage":{"prompt_tokens":1000000,"completion_tokens":1000000,"prompt_tokens_details":{"cached_tokens":1000000}}}
						"""));

		ChatAnswer answer = client.complete(REQUEST);

		assertThat(answer.finishReason()).isEqualTo(FinishReason.LENGTH);
		assertThat(answer.content()).isEqualTo("Guten Mo");
		assertThat(answer.costUsd()).isEqualByComparingTo("1.13");
	}

	@Test
	void neverLeaksTheKeyEvenWhenTheServerEchoesIt() {
		stub.enqueue(Reply.json(500, "{\"error\":{\"code\":\"1234\",\"message\":\"upstream said key " + KEY + "\"}}"),
				Reply.json(401, "{\"error\":{\"code\":\"1002\",\"message\":\"Invalid API key " + KEY + "\"}}"));
		LlmException ex;
		List<String> logLines;
		try (LogCapture logs = new LogCapture()) {
			ex = catchThrowableOfType(FatalLlmException.class, () -> client.complete(REQUEST));
			logLines = logs.lines();
		}

		assertThat(logLines).anySatisfy((line) -> assertThat(line).contains("WARN").contains("1234"));
		assertThat(logLines).allSatisfy((line) -> assertThat(line).doesNotContain(KEY));
		assertThat(ex.getMessage()).contains("Invalid API key").doesNotContain(KEY);
		assertThat(ex.toString()).doesNotContain(KEY);
		assertThat(client.toString()).doesNotContain(KEY);
	}

	/** Replaces the test's client with one built from {@code properties} for the stub. */
	private void useClient(GlmPropertiesBuilder properties) {
		client.close();
		client = client(properties.baseUrl(stub.baseUrl()).build());
	}

	private GlmClient client(GlmProperties properties) {
		return new GlmClient(properties, sleeper, new Random(3), Clock.fixed(NOW, ZoneOffset.UTC));
	}

}
