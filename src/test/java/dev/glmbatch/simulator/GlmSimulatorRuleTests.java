package dev.glmbatch.simulator;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class GlmSimulatorRuleTests {

	private static final String HELLO = """
			{"model":"glm-4.5","messages":[{"role":"user","content":"hi"}]}""";

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	private final RawHttp http = RawHttp.to(simulator);

	@Test
	void appliesRuleToFirstNMatchesOnly() {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.error("1305")).withTimes(2));

		List<Integer> statuses = List.of(status(HELLO), status(HELLO), status(HELLO));

		assertThat(statuses).containsExactly(429, 429, 200);
	}

	@Test
	void usesFirstMatchingRuleInOrderAdded() {
		simulator.addRule(SimulatorRule.when(Match.containing("special"), Response.content("first")));
		simulator.addRule(SimulatorRule.when(Match.any(), Response.content("second")));

		assertThat(content(body("glm-4.5", "a special case", null))).isEqualTo("first");
		assertThat(content(body("glm-4.5", "an ordinary case", null))).isEqualTo("second");
	}

	@Test
	void fallsThroughToNextRuleWhenUsesAreSpent() {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.content("once")).withTimes(1));
		simulator.addRule(SimulatorRule.when(Match.any(), Response.content("afterwards")));

		assertThat(List.of(content(HELLO), content(HELLO))).containsExactly("once", "afterwards");
	}

	@Test
	void matchesOnModelThinkingAndRoute() {
		simulator.addRule(SimulatorRule.when(Match.any().withModel("glm-4.5-air"), Response.content("air")));
		simulator.addRule(SimulatorRule.when(Match.any().withThinking(false), Response.content("no thinking")));
		simulator
			.addRule(SimulatorRule.when(Match.any().withRoute(SimulatorRule.Route.OPENAI), Response.content("vllm")));

		assertThat(content(body("glm-4.5-air", "x", null))).isEqualTo("air");
		assertThat(content(body("glm-4.5", "x", "{\"type\":\"disabled\"}"))).isEqualTo("no thinking");
		assertThat(message(this.http.post(RawHttp.OPENAI, body("glm-4.5", "x", null))).get("content").stringValue())
			.isEqualTo("vllm");
		assertThat(content(body("glm-4.5", "x", null))).startsWith("Simulated answer ");
	}

	@Test
	void matchesSubstringOfAnyMessageIncludingSystem() {
		simulator.addRule(SimulatorRule.when(Match.containing("Klingon"), Response.content("nuqneH")));

		String withSystem = """
				{"model":"glm-4.5","messages":[{"role":"system","content":"Translate to Klingon"},{"role":"user","content":"hello"}]}""";

		assertThat(content(withSystem)).isEqualTo("nuqneH");
	}

	@Test
	void sendsErrorBodyWithRetryAfterHeader() {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.error(429, "1302").withRetryAfter("7")));

		HttpResponse<String> response = this.http.post(RawHttp.ZAI, HELLO);

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(RawHttp.json(response).get("error").get("code").stringValue()).isEqualTo("1302");
	}

	@Test
	void derivesCodeFromStatusAndStatusFromCode() {
		simulator.addRule(SimulatorRule.when(Match.containing("status"), Response.normal().withHttpStatus(503)));
		simulator.addRule(SimulatorRule.when(Match.containing("code"), Response.error("1113")));

		HttpResponse<String> byStatus = this.http.post(RawHttp.ZAI, body("glm-4.5", "status", null));
		HttpResponse<String> byCode = this.http.post(RawHttp.ZAI, body("glm-4.5", "code", null));

		assertThat(byStatus.statusCode()).isEqualTo(503);
		assertThat(RawHttp.json(byStatus).get("error").get("code").stringValue()).isEqualTo("503");
		assertThat(byCode.statusCode()).isEqualTo(429);
	}

	@Test
	void overridesReasoningAndFinishReasonWithoutBudgetCut() {
		simulator.addRule(SimulatorRule.when(Match.any(),
				Response.content("```json\n{\"a\":1}\n```").withReasoning("thought").withFinishReason("sensitive")));

		JsonNode choice = RawHttp
			.json(this.http.post(RawHttp.ZAI,
					"{\"model\":\"glm-4.5\",\"max_tokens\":1,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"))
			.get("choices")
			.get(0);

		assertThat(choice.get("finish_reason").stringValue()).isEqualTo("sensitive");
		assertThat(choice.get("message").get("content").stringValue()).isEqualTo("```json\n{\"a\":1}\n```");
		assertThat(choice.get("message").get("reasoning_content").stringValue()).isEqualTo("thought");
	}

	@Test
	void dropsConnectionByRule() {
		simulator.addRule(SimulatorRule.when(Match.containing("vanish"), Response.drop()));

		HttpResponse<String> ok = this.http.post(RawHttp.ZAI, HELLO);

		assertThat(ok.statusCode()).isEqualTo(200);
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> this.http.post(RawHttp.ZAI, body("glm-4.5", "vanish", null)))
			.isInstanceOf(RawHttp.RawHttpException.class);
		assertThat(simulator.stats().dropped()).isEqualTo(1);
	}

	@Test
	void ruleTakesPrecedenceOverFaults() {
		try (GlmSimulator faulty = GlmSimulator.start(SimulatorOptions.defaults().withFaults(Map.of("500", 1.0)))) {
			faulty.addRule(SimulatorRule.when(Match.containing("scripted"), Response.content("scripted answer")));
			RawHttp faultyHttp = new RawHttp(faulty.baseUrl());

			assertThat(faultyHttp.post(RawHttp.ZAI, body("glm-4.5", "scripted", null)).statusCode()).isEqualTo(200);
			assertThat(faultyHttp.post(RawHttp.ZAI, HELLO).statusCode()).isEqualTo(500);
		}
	}

	@Test
	void clearsRulesAndRestoresUsesOnReset() {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.content("once")).withTimes(1));
		assertThat(content(HELLO)).isEqualTo("once");
		assertThat(content(HELLO)).startsWith("Simulated answer ");

		simulator.simulator().reset();
		assertThat(content(HELLO)).isEqualTo("once");

		simulator.simulator().clearRules();
		assertThat(content(HELLO)).startsWith("Simulated answer ");
	}

	@Test
	void loadsRulesFileAfterRulesAddedInCode(@TempDir Path dir) throws IOException {
		Path rules = dir.resolve("rules.yaml");
		Files.writeString(rules, """
				rules:
				  - match: {contains: "from file"}
				    respond: {content: "file answer"}
				    times: 1
				  - match: {model: glm-4.5-flash}
				    respond: {httpStatus: 429, code: "1305", retryAfter: 2}
				""");
		try (GlmSimulator withFile = GlmSimulator.start(SimulatorOptions.defaults().withRulesFile(rules))) {
			RawHttp fileHttp = new RawHttp(withFile.baseUrl());

			assertThat(message(fileHttp.post(RawHttp.ZAI, body("glm-4.5", "from file", null))).get("content")
				.stringValue()).isEqualTo("file answer");
			assertThat(message(fileHttp.post(RawHttp.ZAI, body("glm-4.5", "from file", null))).get("content")
				.stringValue()).startsWith("Simulated answer ");
			HttpResponse<String> flash = fileHttp.post(RawHttp.ZAI, body("glm-4.5-flash", "x", null));
			assertThat(flash.statusCode()).isEqualTo(429);
			assertThat(flash.headers().firstValue("Retry-After")).hasValue("2");

			withFile.addRule(SimulatorRule.when(Match.any(), Response.content("code first")));
			withFile.reset();
			assertThat(message(fileHttp.post(RawHttp.ZAI, body("glm-4.5", "from file", null))).get("content")
				.stringValue()).isEqualTo("code first");
			withFile.clearRules();
			assertThat(message(fileHttp.post(RawHttp.ZAI, body("glm-4.5", "from file", null))).get("content")
				.stringValue()).isEqualTo("file answer");
		}
	}

	private int status(String body) {
		return this.http.post(RawHttp.ZAI, body).statusCode();
	}

	private String content(String body) {
		return message(this.http.post(RawHttp.ZAI, body)).get("content").stringValue();
	}

	private static JsonNode message(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return RawHttp.json(response).get("choices").get(0).get("message");
	}

	private static String body(String model, String userContent, String thinking) {
		return "{\"model\":\"" + model + "\"," + ((thinking != null) ? "\"thinking\":" + thinking + "," : "")
				+ "\"messages\":[{\"role\":\"user\",\"content\":\"" + userContent + "\"}]}";
	}

}
