package dev.glmbatch.simulator;

import java.net.http.HttpResponse;
import java.util.List;

import dev.glmbatch.testsupport.GlmSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 2026 platform: every current model, how each takes the thinking setting, and
 * reasoning tokens in usage.
 */
class GlmSimulatorModelsTests {

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	private final RawHttp http = RawHttp.to(simulator);

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "glm-4.5", "glm-4.5-air", "glm-4.5-x", "glm-4.5-airx", "glm-4.5-flash", "glm-4.6",
			"glm-4.7", "glm-4.7-flashx", "glm-4.7-flash", "glm-5", "glm-5-turbo", "glm-5.1", "glm-5.2", "glm-5.3",
			"glm-5.3-flash", "glm-5.3-flashx" })
	void servesEveryCurrentModel(String model) {
		HttpResponse<String> response = sayHello(model, "");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode json = RawHttp.json(response);
		assertThat(json.get("object").stringValue()).isEqualTo("chat.completion");
		JsonNode usage = json.get("usage");
		// thinking is on by default on every model: the reasoning is a part of the
		// completion
		assertThat(usage.at("/completion_tokens_details/reasoning_tokens").intValue()).isPositive()
			.isLessThan(usage.get("completion_tokens").intValue());
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "glm-5.3", "glm-5.3-flash", "glm-5.3-flashx" })
	void aModelThatCannotStopThinkingRefusesThinkingDisabled(String model) {
		HttpResponse<String> response = sayHello(model, ",\"thinking\":{\"type\":\"disabled\"}");

		assertRefusedAsInvalid(response, "thinking");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "glm-4.5-air", "glm-4.7", "glm-5.1" })
	void aModelBefore52RefusesReasoningEffort(String model) {
		HttpResponse<String> response = sayHello(model, ",\"reasoning_effort\":\"low\"");

		assertRefusedAsInvalid(response, "reasoning_effort");
	}

	@Test
	void lowEffortReasonsLeastAndMaxIsTheDefault() {
		simulator.simulator().reset();

		List<Integer> reasoning = List
			.of(",\"reasoning_effort\":\"low\"", ",\"reasoning_effort\":\"high\"", ",\"reasoning_effort\":\"max\"", "")
			.stream()
			.map(effort -> RawHttp.json(sayHello("glm-5.3", effort))
				.at("/usage/completion_tokens_details/reasoning_tokens")
				.intValue())
			.toList();

		assertThat(reasoning.get(0)).isPositive().isLessThan(reasoning.get(1));
		assertThat(reasoning.get(1)).isLessThan(reasoning.get(2));
		assertThat(reasoning.get(3)).isEqualTo(reasoning.get(2));
		assertThat(simulator.stats().byReasoningEffort()).containsEntry("low", 1L).containsEntry("max", 2L);
		assertThat(simulator.stats().reasoningTokens()).isEqualTo(reasoning.stream().mapToLong(i -> i).sum());
	}

	@Test
	void refusesAnUnknownEffort() {
		HttpResponse<String> response = sayHello("glm-5.3", ",\"reasoning_effort\":\"medium\"");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(RawHttp.json(response).at("/error/code").stringValue()).isEqualTo("1214");
	}

	/**
	 * Asks the model to say hello.
	 * @param fields more top-level fields of the request, each with its leading comma
	 */
	private HttpResponse<String> sayHello(String model, String fields) {
		return this.http.post(RawHttp.ZAI, "{\"model\":\"" + model
				+ "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]" + fields + "}");
	}

	/** A 400 with code 1210 (invalid parameter) whose message names the parameter. */
	private static void assertRefusedAsInvalid(HttpResponse<String> response, String parameter) {
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(RawHttp.json(response).at("/error/code").stringValue()).isEqualTo("1210");
		assertThat(RawHttp.json(response).at("/error/message").stringValue()).contains(parameter);
	}

}
