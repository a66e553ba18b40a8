package dev.glmbatch.simulator;

import java.net.http.HttpResponse;

import dev.glmbatch.testsupport.GlmSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class GlmSimulatorStatsTests {

	private static final String THINKING = """
			{"model":"glm-4.5","messages":[{"role":"user","content":"one"}],"request_id":"%s"}""";

	private static final String NOT_THINKING = """
			{"model":"glm-4.5-air","thinking":{"type":"disabled"},"messages":[{"role":"user","content":"two"}]}""";

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	private final RawHttp http = RawHttp.to(simulator);

	@Test
	void countsRequestsStatusesCodesThinkingAndTokens() {
		JsonNode first = RawHttp.json(this.http.post(RawHttp.ZAI, THINKING.formatted("req-000001")));
		JsonNode second = RawHttp.json(this.http.post(RawHttp.ZAI, NOT_THINKING));
		this.http.post(RawHttp.ZAI, "{\"model\":\"glm-4.5\",\"messages\":[]}");
		this.http.post(RawHttp.ZAI, NOT_THINKING, null);

		SimulatorStats stats = simulator.stats();
		assertThat(stats.requests()).isEqualTo(4);
		assertThat(stats.byHttpStatus()).containsEntry(200, 2L).containsEntry(400, 1L).containsEntry(401, 1L);
		assertThat(stats.byCode()).containsEntry("1214", 1L).containsEntry("1001", 1L).hasSize(2);
		assertThat(stats.thinkingEnabled()).isEqualTo(1);
		assertThat(stats.thinkingDisabled()).isEqualTo(1);
		assertThat(stats.byModel()).containsEntry("glm-4.5", 1L).containsEntry("glm-4.5-air", 1L);
		assertThat(stats.promptTokens()).isEqualTo(promptTokens(first) + promptTokens(second));
		assertThat(stats.completionTokens()).isEqualTo(completionTokens(first) + completionTokens(second));
		assertThat(stats.maxInFlight()).isEqualTo(1);
		assertThat(stats.inFlight()).isZero();
		assertThat(stats.repaidCalls()).isZero();
	}

	@Test
	void refusesARequestIdItHasSeenWith1231AndForgetsItOnReset() {
		this.http.post(RawHttp.ZAI, THINKING.formatted("req-000007"));
		JsonNode again = RawHttp.json(this.http.post(RawHttp.ZAI, THINKING.formatted("req-000007")));

		assertThat(again.path("error").path("code").stringValue()).isEqualTo("1231");
		assertThat(again.path("error").path("message").stringValue()).contains("req-000007");
		assertThat(simulator.stats().byHttpStatus()).containsEntry(200, 1L).containsEntry(400, 1L);
		assertThat(simulator.stats().repaidCalls()).isZero();

		simulator.simulator().reset();
		this.http.post(RawHttp.ZAI, THINKING.formatted("req-000007"));

		assertThat(simulator.stats().byHttpStatus()).containsEntry(200, 1L).hasSize(1);
	}

	@Test
	void countsRepeatedSuccessfulBodyAsRepaidWhateverTheRequestId() {
		this.http.post(RawHttp.ZAI, THINKING.formatted("req-000001"));
		this.http.post(RawHttp.ZAI, THINKING.formatted("req-000002"));
		this.http.post(RawHttp.ZAI, THINKING.formatted("req-000003"));
		this.http.post(RawHttp.ZAI, NOT_THINKING);

		assertThat(simulator.stats().repaidCalls()).isEqualTo(2);
	}

	@Test
	void doesNotCountRetryAfterFailureAsRepaid() {
		simulator
			.addRule(SimulatorRule.when(SimulatorRule.Match.any(), SimulatorRule.Response.error("1302")).withTimes(1));

		int failed = this.http.post(RawHttp.ZAI, THINKING.formatted("req-000001")).statusCode();
		int retried = this.http.post(RawHttp.ZAI, THINKING.formatted("req-000002")).statusCode();

		assertThat(failed).isEqualTo(429);
		assertThat(retried).isEqualTo(200);
		assertThat(simulator.stats().repaidCalls()).isZero();
	}

	@Test
	void forgetsCountsAnsweredBodiesAndCacheOnReset() {
		String longPrompt = "{\"model\":\"glm-4.5\",\"messages\":[{\"role\":\"system\",\"content\":\""
				+ "Fixed instructions. ".repeat(20) + "\"},{\"role\":\"user\",\"content\":\"x\"}]}";
		this.http.post(RawHttp.ZAI, longPrompt);
		assertThat(cachedTokens(this.http.post(RawHttp.ZAI, longPrompt))).isPositive();

		simulator.simulator().reset();

		assertThat(simulator.stats().requests()).isZero();
		assertThat(simulator.stats().byHttpStatus()).isEmpty();
		assertThat(cachedTokens(this.http.post(RawHttp.ZAI, longPrompt))).isZero();
		assertThat(simulator.stats().repaidCalls()).isZero();
	}

	@Test
	void servesStatsAsJsonAndResetsOverHttp() {
		this.http.post(RawHttp.ZAI, NOT_THINKING);

		HttpResponse<String> statsResponse = this.http.get("/_simulator/stats");
		JsonNode json = RawHttp.json(statsResponse);
		assertThat(statsResponse.statusCode()).isEqualTo(200);
		assertThat(json.get("requests").longValue()).isEqualTo(1);
		assertThat(json.get("byHttpStatus").get("200").longValue()).isEqualTo(1);
		assertThat(json.get("thinkingDisabled").longValue()).isEqualTo(1);
		assertThat(json.has("repaidCalls")).isTrue();

		HttpResponse<String> reset = this.http.post("/_simulator/reset", "", null);

		assertThat(reset.statusCode()).isEqualTo(200);
		assertThat(simulator.stats().requests()).isZero();
	}

	@Test
	void rendersSnapshotAsJsonWithEveryCounter() {
		this.http.post(RawHttp.ZAI, THINKING.formatted("req-000001"));

		JsonNode json = RawHttp.json(simulator.stats().toJson());

		assertThat(json.propertyNames()).containsExactlyInAnyOrder("requests", "byHttpStatus", "byCode", "maxInFlight",
				"inFlight", "thinkingEnabled", "thinkingDisabled", "promptTokens", "completionTokens", "cachedTokens",
				"repaidCalls", "streamed", "dropped", "byModel", "meanLatencyMillis", "byReasoningEffort",
				"reasoningTokens");
		assertThat(json.get("byModel").get("glm-4.5").longValue()).isEqualTo(1);
		assertThat(json.get("reasoningTokens").longValue()).isPositive();
		assertThat(json.get("meanLatencyMillis").doubleValue()).isPositive();
	}

	private static long promptTokens(JsonNode response) {
		return response.get("usage").get("prompt_tokens").longValue();
	}

	private static long completionTokens(JsonNode response) {
		return response.get("usage").get("completion_tokens").longValue();
	}

	private static int cachedTokens(HttpResponse<String> response) {
		return RawHttp.json(response).get("usage").get("prompt_tokens_details").get("cached_tokens").intValue();
	}

}
