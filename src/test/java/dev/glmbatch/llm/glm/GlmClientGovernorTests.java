package dev.glmbatch.llm.glm;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.Thinking;
import dev.glmbatch.llm.TransientLlmException;
import dev.glmbatch.llm.TrafficSnapshot;
import dev.glmbatch.simulator.SimulatorOptions;
import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.GlmPropertiesBuilder;
import dev.glmbatch.testsupport.GlmSimulatorExtension;

import static dev.glmbatch.testsupport.GlmPropertiesBuilder.glmProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The client's governor against the simulator: it keeps attempts within the account's
 * limit, reacts to scripted bursts of 1302 and 1305, and shows what it does through
 * {@link GlmClient#traffic}.
 */
class GlmClientGovernorTests {

	@RegisterExtension
	static GlmSimulatorExtension simulator = GlmSimulatorExtension
		.withOptions(SimulatorOptions.defaults().withMaxInFlight(8).withLatencyMedian(Duration.ofMillis(20)));

	private static final String MODEL = "glm-4.5-air";

	private final RecordingSleeper sleeper = new RecordingSleeper();

	private final List<GlmClient> clients = new ArrayList<>();

	private final ExecutorService threads = Executors.newFixedThreadPool(32);

	@AfterEach
	void close() {
		threads.shutdownNow();
		clients.forEach(GlmClient::close);
	}

	@Test
	void keepsManyThreadsWithinTheAccountLimitWithoutA429() throws Exception {
		GlmClient client = client(8);

		List<ChatAnswer> answers = callConcurrently(client, 160);

		assertThat(answers).hasSize(160);
		assertThat(simulator.stats().countOfCode("1302")).isZero();
		assertThat(simulator.stats().maxInFlight()).isEqualTo(8);
		assertThat(client.traffic(MODEL).inFlight()).isZero();
	}

	@Test
	void aScriptedBurstOf1302HalvesTheLimitThenSuccessesRestoreIt() throws Exception {
		GlmClient client = client(8);
		simulator.addRule(SimulatorRule.when(Match.any(), Response.error("1302")).withTimes(8));

		List<ChatAnswer> first = callConcurrently(client, 8);
		TrafficSnapshot afterBurst = client.traffic(MODEL);

		assertThat(first).hasSize(8);
		assertThat(simulator.stats().countOfCode("1302")).isEqualTo(8);
		assertThat(afterBurst.rateLimited()).isEqualTo(8);
		assertThat(afterBurst.limit()).isBetween(1, 7);
		assertThat(afterBurst.faultsByCode()).containsEntry("1302", 8L);

		callConcurrently(client, 120);

		assertThat(client.traffic(MODEL).limit()).isEqualTo(8);
	}

	@Test
	void aScripted1305PausesTheOtherCallsOnce() throws Exception {
		GlmClient client = new GlmClient(properties(8).backoff(Duration.ofSeconds(10), Duration.ofSeconds(30)).build(),
				sleeper, new Random(3), Clock.systemUTC());
		clients.add(client);
		simulator.addRule(SimulatorRule.when(Match.containing("overloaded"), Response.error("1305")).withTimes(1));

		client.complete(request("overloaded"));
		client.complete(request("next one"));
		client.complete(request("and another"));

		assertThat(client.traffic(MODEL).overloaded()).isEqualTo(1);
		assertThat(client.traffic(MODEL).limit()).isEqualTo(8);
		List<Duration> waits = sleeper.waits();
		assertThat(waits).hasSize(3);
		assertThat(waits.get(0)).as("the caller sits out the whole pause").isEqualTo(Duration.ofSeconds(10));
		// waits are recorded, not spent: the next calls find most of the pause still
		// ahead
		assertThat(waits.subList(1, 3))
			.allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10)));
	}

	@Test
	void aCallThatKeepsGetting1305PausesTheOthersOnlyTwiceThenBacksOffAlone() throws Exception {
		GlmClient client = new GlmClient(properties(8).backoff(Duration.ofSeconds(10), Duration.ofSeconds(30)).build(),
				sleeper, new Random(3), Clock.systemUTC());
		clients.add(client);
		simulator.addRule(SimulatorRule.when(Match.containing("always overloaded"), Response.error("1305")));

		TransientLlmException ex = catchThrowableOfType(TransientLlmException.class,
				() -> client.complete(request("always overloaded")));
		List<Duration> ownWaits = sleeper.waits();
		client.complete(request("an ordinary row"));

		assertThat(ex.code()).isEqualTo("1305");
		assertThat(ex.attempts()).isEqualTo(6);
		assertThat(client.traffic(MODEL).overloaded()).isEqualTo(6);
		assertThat(ownWaits).hasSize(5);
		assertThat(ownWaits.subList(0, 2)).as("the two pauses it imposed on every thread, sat out in full")
			.containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20));
		List<Duration> othersWait = sleeper.waits().subList(5, sleeper.waits().size());
		// waits are recorded, not spent: a third shared pause would still hold the
		// ordinary call for about 30 s
		assertThat(othersWait).as("the ordinary call waits out the second pause, no later one").hasSize(1);
		assertThat(othersWait.get(0)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(20));
	}

	private List<ChatAnswer> callConcurrently(GlmClient client, int calls) throws Exception {
		List<CompletableFuture<ChatAnswer>> futures = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			ChatRequest request = request("text " + i);
			futures.add(CompletableFuture.supplyAsync(() -> client.complete(request), threads));
		}
		List<ChatAnswer> answers = new ArrayList<>();
		for (CompletableFuture<ChatAnswer> future : futures) {
			answers.add(future.get(30, TimeUnit.SECONDS));
		}
		return answers;
	}

	private GlmClient client(int maxInFlight) {
		GlmClient client = new GlmClient(properties(maxInFlight).build(), Sleeper.SYSTEM, new Random(7),
				Clock.systemUTC());
		clients.add(client);
		return client;
	}

	private static GlmPropertiesBuilder properties(int maxInFlight) {
		return glmProperties("test-key").baseUrl(simulator.zaiBaseUrl())
			.backoff(Duration.ofMillis(5), Duration.ofMillis(20))
			.maxInFlight(maxInFlight);
	}

	private static ChatRequest request(String text) {
		return ChatRequest.of(MODEL, Thinking.DISABLED, ChatMessage.system("Translate to German."),
				ChatMessage.user(text));
	}

}
