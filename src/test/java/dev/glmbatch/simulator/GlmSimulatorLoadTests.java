package dev.glmbatch.simulator;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GlmSimulatorLoadTests {

	// long enough that held requests are still in flight while the test probes the limit
	private static final Duration HOLD = Duration.ofMillis(1500);

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	private final ExecutorService clients = Executors.newCachedThreadPool();

	private final RawHttp http = RawHttp.to(simulator);

	@AfterEach
	void stopClients() {
		this.clients.shutdownNow();
	}

	@ParameterizedTest(name = "{0} allows {1}")
	@CsvSource({ "glm-4.5-flash, 2", "glm-4.5-air, 5" })
	void refusesRequestBeyondPerModelInFlightLimitWith1302(String model, int limit) {
		simulator.addRule(SimulatorRule.when(Match.containing("hold"), Response.normal().withLatency(HOLD)));
		List<CompletableFuture<HttpResponse<String>>> calls = holdInFlight(this.http, model, limit);
		await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().inFlight() == limit);

		calls.addAll(holdInFlight(this.http, model, 1));
		HttpResponse<String> otherModel = this.http.post(RawHttp.ZAI, body("glm-4.5", "quick"));

		// which of the racing requests loses is up to the scheduler; that exactly one
		// does is not
		List<HttpResponse<String>> responses = calls.stream().map(CompletableFuture::join).toList();
		assertThat(responses).filteredOn((response) -> response.statusCode() == 200).hasSize(limit);
		HttpResponse<String> refused = responses.stream()
			.filter((response) -> response.statusCode() != 200)
			.findFirst()
			.orElseThrow();
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(RawHttp.json(refused).get("error").get("code").stringValue()).isEqualTo("1302");
		assertThat(otherModel.statusCode()).isEqualTo(200);
		assertThat(this.http.post(RawHttp.ZAI, body(model, "quick")).statusCode()).isEqualTo(200);
		SimulatorStats stats = simulator.stats();
		assertThat(stats.maxInFlight()).isGreaterThanOrEqualTo(limit + 1);
		assertThat(stats.countOfCode("1302")).isEqualTo(1);
		assertThat(stats.inFlight()).isZero();
	}

	@Test
	void appliesConfiguredLimitToEveryModel() {
		try (GlmSimulator limited = GlmSimulator.start(SimulatorOptions.defaults().withMaxInFlight(1))) {
			limited.addRule(SimulatorRule.when(Match.containing("hold"), Response.normal().withLatency(HOLD)));
			RawHttp limitedHttp = new RawHttp(limited.baseUrl());
			List<CompletableFuture<HttpResponse<String>>> calls = holdInFlight(limitedHttp, "glm-4.5", 1);
			await().atMost(Duration.ofSeconds(10)).until(() -> limited.stats().inFlight() == 1);

			calls.addAll(holdInFlight(limitedHttp, "glm-4.5", 1));

			assertThat(calls.stream().map((call) -> call.join().statusCode())).containsExactlyInAnyOrder(200, 429);
		}
	}

	@Test
	void servesSlowAndFastRequestsSideBySide() {
		simulator
			.addRule(SimulatorRule.when(Match.containing("hold"), Response.normal().withLatency(HOLD.multipliedBy(2))));
		List<CompletableFuture<HttpResponse<String>>> held = holdInFlight(this.http, "glm-4.5", 10);
		await().atMost(Duration.ofSeconds(10)).until(() -> simulator.stats().inFlight() == 10);

		HttpResponse<String> quick = this.http.post(RawHttp.ZAI, body("glm-4.6", "quick"));

		assertThat(quick.statusCode()).isEqualTo(200);
		assertThat(held).noneMatch(CompletableFuture::isDone);
		assertThat(held).allSatisfy((response) -> assertThat(response.join().statusCode()).isEqualTo(200));
	}

	@Test
	@Timeout(20)
	void cutsOffRequestsInProgressOnClose() {
		GlmSimulator closing = GlmSimulator.start(SimulatorOptions.defaults());
		closing.addRule(SimulatorRule.when(Match.any(), Response.normal().withLatency(Duration.ofMinutes(5))));
		List<CompletableFuture<HttpResponse<String>>> held = holdInFlight(new RawHttp(closing.baseUrl()), "glm-4.5", 2);
		await().atMost(Duration.ofSeconds(10)).until(() -> closing.stats().inFlight() == 2);

		closing.close();

		assertThat(held).allSatisfy((call) -> assertThat(call).failsWithin(Duration.ofSeconds(10)));
	}

	private List<CompletableFuture<HttpResponse<String>>> holdInFlight(RawHttp client, String model, int count) {
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			calls.add(CompletableFuture.supplyAsync(() -> client.post(RawHttp.ZAI, body(model, "hold")), this.clients));
		}
		return calls;
	}

	private static String body(String model, String content) {
		return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + content + "\"}]}";
	}

}
