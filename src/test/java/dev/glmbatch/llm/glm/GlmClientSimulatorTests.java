package dev.glmbatch.llm.glm;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import dev.glmbatch.testsupport.LogCapture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.FatalLlmException;
import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.ItemLlmException;
import dev.glmbatch.llm.LlmException;
import dev.glmbatch.llm.Thinking;
import dev.glmbatch.llm.TransientLlmException;
import dev.glmbatch.simulator.GlmSimulator;
import dev.glmbatch.simulator.SimulatorOptions;
import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.simulator.SimulatorRule.SlowDrip;
import dev.glmbatch.simulator.SimulatorStats;
import dev.glmbatch.testsupport.GlmPropertiesBuilder;
import dev.glmbatch.testsupport.GlmSimulatorExtension;

import static dev.glmbatch.testsupport.GlmPropertiesBuilder.glmProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The client over real HTTP against the project's GLM simulator: every error family with
 * the exact number of attempts the server saw, streaming and not, thinking on and off in
 * both dialects, Retry-After, deadlines, drops. Waits between attempts are recorded, not
 * spent.
 */
class GlmClientSimulatorTests {

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	private static final String KEY = "sim-id.canary-Wq3v9";

	private static final int MAX_ATTEMPTS = 6;

	private final RecordingSleeper sleeper = new RecordingSleeper();

	private final List<GlmClient> clients = new ArrayList<>();

	@AfterEach
	void closeClients() {
		clients.forEach(GlmClient::close);
	}

	enum Outcome {

		ANSWER, ITEM, FATAL, TRANSIENT

	}

	static Stream<Arguments> errorFamilies() {
		List<Arguments> families = List.of(
				// transient: retried, then answered
				family("1302 rate limit twice", Response.error("1302"), 2, Outcome.ANSWER, 3),
				family("1303 frequency once", Response.error(429, "1303"), 1, Outcome.ANSWER, 2),
				family("1305 overload twice", Response.error("1305"), 2, Outcome.ANSWER, 3),
				family("1312 model busy once", Response.error(429, "1312"), 1, Outcome.ANSWER, 2),
				family("1230 flow error once", Response.error("1230"), 1, Outcome.ANSWER, 2),
				family("1234 network error once", Response.error("1234"), 1, Outcome.ANSWER, 2),
				family("500 internal error twice", Response.error("500"), 2, Outcome.ANSWER, 3),
				family("HTTP 502 once", Response.normal().withHttpStatus(502), 1, Outcome.ANSWER, 2),
				family("HTTP 408 once", Response.normal().withHttpStatus(408), 1, Outcome.ANSWER, 2),
				family("unknown code with 500 once", Response.error(500, "1999"), 1, Outcome.ANSWER, 2),
				family("dropped connection once", Response.drop(), 1, Outcome.ANSWER, 2),
				family("finish network_error once", Response.normal().withFinishReason("network_error"), 1,
						Outcome.ANSWER, 2),
				family("malformed SSE line", Response.normal().withMalformedSse(true), null, Outcome.ANSWER, 1),
				// transient for ever: every attempt used
				family("1302 always", Response.error("1302"), null, Outcome.TRANSIENT, MAX_ATTEMPTS),
				family("HTTP 503 always", Response.normal().withHttpStatus(503), null, Outcome.TRANSIENT, MAX_ATTEMPTS),
				family("dropped connection always", Response.drop(), null, Outcome.TRANSIENT, MAX_ATTEMPTS),
				family("1120 account unreachable always", Response.error("1120"), null, Outcome.TRANSIENT, 3),
				// the item fails, no retry
				family("1301 unsafe input", Response.error("1301"), null, Outcome.ITEM, 1),
				family("1300 blocked by policy", Response.error("1300"), null, Outcome.ITEM, 1),
				family("1231 duplicate request id: never resent under a new id", Response.error("1231"), null,
						Outcome.ITEM, 1),
				family("1210 invalid parameters", Response.error("1210"), null, Outcome.ITEM, 1),
				family("1213 field missing", Response.error("1213"), null, Outcome.ITEM, 1),
				family("1214 field invalid", Response.error("1214"), null, Outcome.ITEM, 1),
				family("1215 fields exclusive", Response.error("1215"), null, Outcome.ITEM, 1),
				family("1261 prompt too long", Response.error("1261"), null, Outcome.ITEM, 1),
				family("unknown code with 400", Response.error(400, "1999"), null, Outcome.ITEM, 1),
				family("finish sensitive", Response.normal().withFinishReason("sensitive"), null, Outcome.ITEM, 1),
				family("finish length with empty answer", Response.content("").withFinishReason("length"), null,
						Outcome.ITEM, 1),
				family("finish model_context_window_exceeded",
						Response.normal().withFinishReason("model_context_window_exceeded"), null, Outcome.ITEM, 1),
				// the job stops, no retry
				family("1113 balance exhausted as HTTP 429", Response.error("1113"), null, Outcome.FATAL, 1),
				family("1001 no auth header", Response.error("1001"), null, Outcome.FATAL, 1),
				family("1002 invalid key", Response.error("1002"), null, Outcome.FATAL, 1),
				family("HTTP 401 without code", Response.normal().withHttpStatus(401), null, Outcome.FATAL, 1),
				family("HTTP 403 without code", Response.normal().withHttpStatus(403), null, Outcome.FATAL, 1),
				family("1110 account inactive", Response.error("1110"), null, Outcome.FATAL, 1),
				family("1121 account locked", Response.error("1121"), null, Outcome.FATAL, 1),
				family("1211 model missing", Response.error("1211"), null, Outcome.FATAL, 1),
				family("1221 API offline", Response.error("1221"), null, Outcome.FATAL, 1),
				family("1304 daily limit", Response.error("1304"), null, Outcome.FATAL, 1),
				family("1308 usage limit", Response.error("1308"), null, Outcome.FATAL, 1),
				family("1313 fair use", Response.error("1313"), null, Outcome.FATAL, 1));
		return families.stream().flatMap((family) -> Stream.of(false, true).map((stream) -> {
			Object[] values = family.get();
			return Arguments.of(values[0], values[1], values[2], values[3], values[4], stream);
		}));
	}

	private static Arguments family(String name, Response response, @Nullable Integer times, Outcome outcome,
			int attempts) {
		return Arguments.of(name, response, times, outcome, attempts);
	}

	@ParameterizedTest(name = "{0}, streaming {5} -> {3} after {4} attempt(s)")
	@MethodSource("errorFamilies")
	void handlesEachErrorFamilyWithTheExactNumberOfAttempts(String name, Response response, @Nullable Integer times,
			Outcome expected, int attempts, boolean stream) {
		simulator.addRule(new SimulatorRule(Match.containing("family-probe"), response, times));
		GlmClient client = client(properties(simulator.zaiBaseUrl()).build());

		Throwable thrown = catchThrowable(() -> client.complete(request("family-probe: Good morning", stream)));

		assertThat(simulator.stats().requests()).as("attempts seen by the server").isEqualTo(attempts);
		assertThat(outcomeOf(thrown)).as("outcome, thrown: %s", thrown).isEqualTo(expected);
		if (thrown instanceof LlmException llm) {
			assertThat(llm.attempts()).isEqualTo(attempts);
			assertThat(llm.requestId()).endsWith("-a" + attempts);
		}
		assertThat(sleeper.waits())
			.hasSize(expected == Outcome.ANSWER || expected == Outcome.TRANSIENT ? attempts - 1 : 0);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "1304, true", "1308, true", "1310, true", "1313, true", "1314, true", "1321, true", "1113, false",
			"1002, false", "1211, false" })
	void tellsAQuotaThatResetsByItselfFromAFaultSomebodyMustFix(String code, boolean resetsByItself) {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.error(code)));
		GlmClient client = client(properties(simulator.zaiBaseUrl()).build());

		FatalLlmException ex = catchThrowableOfType(FatalLlmException.class,
				() -> client.complete(request("Good morning", false)));

		assertThat(ex.code()).isEqualTo(code);
		assertThat(ex.resetsByItself()).isEqualTo(resetsByItself);
		assertThat(ex.getMessage()).contains(resetsByItself ? "usage quota reached" : "until this is fixed");
	}

	@ParameterizedTest(name = "{0}, thinking {1}, streaming {2}")
	@CsvSource({ "ZAI, ENABLED, false", "ZAI, DISABLED, false", "ZAI, ENABLED, true", "ZAI, DISABLED, true",
			"OPENAI_COMPATIBLE, ENABLED, false", "OPENAI_COMPATIBLE, DISABLED, false",
			"OPENAI_COMPATIBLE, ENABLED, true", "OPENAI_COMPATIBLE, DISABLED, true" })
	void switchesThinkingInTheDialectTheServerReads(GlmDialect dialect, Thinking thinking, boolean stream) {
		simulator.addRule(SimulatorRule.when(Match.containing("Good morning"),
				Response.content("Guten Morgen").withReasoning("The user wants German.")));
		URI baseUrl = (dialect == GlmDialect.ZAI) ? simulator.zaiBaseUrl() : simulator.openAiBaseUrl();
		GlmClient client = client(properties(baseUrl).dialect(dialect).build());

		ChatAnswer answer = client.complete(request("Good morning", stream).withThinking(thinking));

		SimulatorStats stats = simulator.stats();
		assertThat(stats.thinkingEnabled()).isEqualTo(thinking.isEnabled() ? 1 : 0);
		assertThat(stats.thinkingDisabled()).isEqualTo(thinking.isEnabled() ? 0 : 1);
		assertThat(stats.streamed()).isEqualTo(stream ? 1 : 0);
		assertThat(answer.content()).isEqualTo("Guten Morgen");
		assertThat(answer.reasoning()).isEqualTo(thinking.isEnabled() ? "The user wants German." : null);
		assertThat(answer.finishReason()).isEqualTo(FinishReason.STOP);
		assertThat(answer.attempts()).isEqualTo(1);
	}

	@ParameterizedTest(name = "streaming {0}")
	@ValueSource(booleans = { false, true })
	void reportsUsageAndCostOfTheAnswer(boolean stream) {
		GlmClient client = client(properties(simulator.zaiBaseUrl()).build());

		ChatAnswer answer = client.complete(request("Translate: the weather is fine today", stream));

		SimulatorStats stats = simulator.stats();
		assertThat(answer.usage().promptTokens()).isPositive().isEqualTo(stats.promptTokens());
		assertThat(answer.usage().completionTokens()).isPositive().isEqualTo(stats.completionTokens());
		assertThat(answer.usage().cachedTokens()).isEqualTo(stats.cachedTokens());
		assertThat(answer.costUsd()).isPositive();
		assertThat(answer.content()).isNotBlank();
		assertThat(answer.model()).isEqualTo("glm-4.5-air");
	}

	@ParameterizedTest(name = "streaming {0}")
	@ValueSource(booleans = { false, true })
	void honoursRetryAfter(boolean stream) {
		simulator.addRule(new SimulatorRule(Match.any(), Response.error("1302").withRetryAfter("2"), 1));
		GlmClient client = client(properties(simulator.zaiBaseUrl()).build());

		ChatAnswer answer = client.complete(request("Good morning", stream));

		assertThat(answer.attempts()).isEqualTo(2);
		// the first retry's jitter is at most 500 ms, so the server's 2 s decides
		assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void failsAtOnceWhenRetryAfterIsAbsurd() {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.error("1302").withRetryAfter("86400")));
		GlmClient client = client(properties(simulator.zaiBaseUrl()).build());

		TransientLlmException ex = catchThrowableOfType(TransientLlmException.class,
				() -> client.complete(request("Good morning", false)));

		assertThat(ex.code()).isEqualTo("1302");
		assertThat(ex.attempts()).isEqualTo(1);
		assertThat(simulator.stats().requests()).isEqualTo(1);
		assertThat(sleeper.waits()).isEmpty();
	}

	@ParameterizedTest(name = "streaming {0}")
	@ValueSource(booleans = { false, true })
	@Timeout(30)
	void resendsAnAnswerSlowerThanTheCallTimeoutUnderItsIdAndAServerStillHoldingItRefusesTheCopy(boolean stream) {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.normal().withLatency(Duration.ofSeconds(3))));
		GlmClient client = client(properties(simulator.zaiBaseUrl()).callTimeout(Duration.ofMillis(300)).build());

		ItemLlmException ex = catchThrowableOfType(ItemLlmException.class,
				() -> client.complete(request("Good morning", stream)));

		assertThat(ex.code()).isEqualTo("1231");
		assertThat(ex.attempts()).isEqualTo(2);
		assertThat(simulator.stats().requests()).isEqualTo(2);
		assertThat(simulator.stats().countOfCode("1231")).as("the copy was refused, not answered and billed")
			.isEqualTo(1);
	}

	@ParameterizedTest(name = "streaming {0}")
	@ValueSource(booleans = { false, true })
	@Timeout(30)
	void cutsASlowDripAtTheCallTimeout(boolean stream) {
		simulator.addRule(SimulatorRule.when(Match.any(),
				Response.normal().withSlowDrip(new SlowDrip(1, Duration.ofMillis(50)))));
		GlmClient client = client(
				properties(simulator.zaiBaseUrl()).callTimeout(Duration.ofMillis(500)).maxAttempts(1).build());

		TransientLlmException ex = catchThrowableOfType(TransientLlmException.class,
				() -> client.complete(request("Good morning", stream)));

		assertThat(ex).hasMessageContaining("glm.call-timeout");
		assertThat(ex.attempts()).isEqualTo(1);
		assertThat(simulator.stats().requests()).isEqualTo(1);
	}

	@Test
	void recoversFromADripThatEndsInTime() {
		simulator.addRule(new SimulatorRule(Match.any(),
				Response.content("Hallo").withSlowDrip(new SlowDrip(64, Duration.ofMillis(5))), 1));
		GlmClient client = client(properties(simulator.zaiBaseUrl()).callTimeout(Duration.ofSeconds(20)).build());

		ChatAnswer answer = client.complete(request("Good morning", true));

		assertThat(answer.content()).isEqualTo("Hallo");
		assertThat(answer.attempts()).isEqualTo(1);
	}

	@Test
	void unwrapsFencedJsonInJsonMode() {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.content("```json\n{\"label\":\"spam\"}\n```")));
		GlmClient client = client(properties(simulator.zaiBaseUrl()).build());

		ChatAnswer answer = client.complete(request("Classify: win a prize", false).withJsonMode(true));

		assertThat(answer.content()).isEqualTo("{\"label\":\"spam\"}");
	}

	@Test
	@Timeout(60)
	void neverLeaksTheKeyIntoLogsOrExceptions() {
		try (GlmSimulator strict = GlmSimulator.start(SimulatorOptions.defaults().withApiKeys(Set.of(KEY)));
				LogCapture logs = new LogCapture()) {
			strict.addRule(new SimulatorRule(Match.containing("flaky"), Response.error("1302"), 2));
			GlmClient good = client(properties(strict.zaiBaseUrl()).build());
			GlmClient wrong = client(
					glmProperties(KEY.substring(0, KEY.length() - 1) + "X").baseUrl(strict.zaiBaseUrl()).build());
			GlmClient exhausted = client(properties(strict.zaiBaseUrl()).maxAttempts(2).build());

			ChatAnswer answer = good.complete(request("flaky: Good morning", false));
			FatalLlmException refused = catchThrowableOfType(FatalLlmException.class,
					() -> wrong.complete(request("Good morning", false)));
			strict.addRule(SimulatorRule.when(Match.containing("always busy"), Response.error("1302")));
			TransientLlmException busy = catchThrowableOfType(TransientLlmException.class,
					() -> exhausted.complete(request("always busy", true)));

			assertThat(answer.attempts()).isEqualTo(3);
			assertThat(refused.code()).isEqualTo("1002");
			List<String> clientLines = logs.lines()
				.stream()
				.filter((line) -> line.contains("dev.glmbatch.llm"))
				.toList();
			assertThat(clientLines).hasSizeGreaterThanOrEqualTo(3);
			assertThat(logs.lines())
				.allSatisfy((line) -> assertThat(line).doesNotContain(KEY).doesNotContain("canary"));
			for (LlmException ex : List.of(refused, busy)) {
				assertThat(ex.getMessage()).doesNotContain(KEY);
				assertThat(ex.toString()).doesNotContain(KEY);
			}
			assertThat(good.toString()).doesNotContain(KEY);
			assertThat(properties(strict.zaiBaseUrl()).build().toString()).doesNotContain(KEY);
		}
	}

	private static Outcome outcomeOf(@Nullable Throwable thrown) {
		if (thrown == null) {
			return Outcome.ANSWER;
		}
		if (thrown instanceof ItemLlmException) {
			return Outcome.ITEM;
		}
		if (thrown instanceof FatalLlmException) {
			return Outcome.FATAL;
		}
		if (thrown instanceof TransientLlmException) {
			return Outcome.TRANSIENT;
		}
		throw new AssertionError("unexpected exception", thrown);
	}

	private static ChatRequest request(String text, boolean stream) {
		return ChatRequest
			.of("glm-4.5-air", Thinking.DISABLED, ChatMessage.system("Translate to German."), ChatMessage.user(text))
			.withStream(stream)
			.withTag("sim-test");
	}

	private static GlmPropertiesBuilder properties(URI baseUrl) {
		return glmProperties(KEY).baseUrl(baseUrl).maxAttempts(MAX_ATTEMPTS);
	}

	private GlmClient client(GlmProperties properties) {
		GlmClient client = new GlmClient(properties, sleeper, new Random(11), Clock.systemUTC());
		clients.add(client);
		return client;
	}

}
