package dev.glmbatch.simulator;

import java.io.IOException;
import java.util.List;

import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.simulator.SimulatorRule.ToolCallStyle;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Function calling on the simulator: the refused tool choices, the call's shape, streamed
 * calls, rule styles.
 */
class GlmSimulatorToolCallTests {

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	private final RawHttp http = RawHttp.to(simulator);

	private static final String TOOLS = """
			"tools":[{"type":"function","function":{"name":"record_fields","description":"Records the fields.",
			 "parameters":{"type":"object","properties":{"vendor":{"type":"string"},"invoice_number":{"type":"string"},
			 "quantity":{"type":"integer"},"total":{"type":"number"},"currency":{"type":"string"},
			 "paid":{"type":"boolean"},"due_date":{"type":"string"}},"required":["vendor","total","currency"]}}}]""";

	private static final String ITEM = "Invoice INV-2041 from Nordlicht Bürobedarf GmbH: 12 x paper at EUR 24.90, "
			+ "total EUR 298.80.";

	private static String body(String model, String extra) {
		return """
				{"model":"%s","thinking":{"type":"disabled"},%s,"tool_choice":"auto"%s,
				 "messages":[{"role":"system","content":"Answer only by calling record_fields."},
				 {"role":"user","content":"<<<DATA:ab12>>>\\n%s\\n<<<END:ab12>>>"}]}""".formatted(model, TOOLS, extra,
				ITEM);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"required\"", "\"none\"",
			"{\"type\":\"function\",\"function\":{\"name\":\"record_fields\"}}" })
	void refusesAnyToolChoiceButAutoWithHttp400ToolChoiceMustBeAuto(String toolChoice) {
		var response = this.http.post(RawHttp.ZAI,
				body("glm-4.5-air", "").replace("\"tool_choice\":\"auto\"", "\"tool_choice\":" + toolChoice));

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode error = RawHttp.json(response).get("error");
		assertThat(error.get("code").stringValue()).isEqualTo("1214");
		assertThat(error.get("message").stringValue()).contains("Tool choice must be auto");
	}

	@Test
	void answersWithOneCallWhoseStringArgumentsHoldValuesFromTheItem() {
		var response = this.http.post(RawHttp.ZAI, body("glm-4.5-air", ""));

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode choice = RawHttp.json(response).get("choices").get(0);
		assertThat(choice.get("finish_reason").stringValue()).isEqualTo("tool_calls");
		assertThat(choice.get("message").get("content").stringValue()).isEmpty();
		JsonNode calls = choice.get("message").get("tool_calls");
		assertThat(calls.size()).isEqualTo(1);
		JsonNode call = calls.get(0);
		assertThat(call.get("id").stringValue()).matches("call_[0-9a-f]{16}");
		assertThat(call.get("index").intValue()).isZero();
		assertThat(call.get("type").stringValue()).isEqualTo("function");
		assertThat(call.get("function").get("name").stringValue()).isEqualTo("record_fields");
		JsonNode arguments = call.get("function").get("arguments");
		assertThat(arguments.isString()).isTrue();
		JsonNode fields = RawHttp.json(arguments.stringValue());
		assertThat(fields.get("vendor").stringValue()).isEqualTo("Nordlicht Bürobedarf GmbH");
		assertThat(fields.get("invoice_number").stringValue()).isEqualTo("INV-2041");
		assertThat(fields.get("quantity").intValue()).isEqualTo(12);
		assertThat(fields.get("total").decimalValue()).isEqualByComparingTo("298.80");
		assertThat(fields.get("currency").stringValue()).isEqualTo("EUR");
		assertThat(fields.get("paid").isBoolean()).isTrue();
		// not required and not in the item: left out
		assertThat(fields.has("due_date")).isFalse();
		JsonNode usage = RawHttp.json(response).get("usage");
		assertThat(usage.get("completion_tokens").intValue()).isEqualTo(TokenCounter.count(arguments.stringValue()));
	}

	@Test
	void streamsTheWholeCallInOneChunkOnGlm45EvenWhenToolStreamIsAsked() throws IOException {
		String whole = wholeArguments("glm-4.5-air");

		List<JsonNode> chunks = GlmSimulatorStreamingTests.parseChunks(
				this.http.postOverSocket(RawHttp.ZAI, body("glm-4.5-air", ",\"stream\":true,\"tool_stream\":true")));

		List<JsonNode> callChunks = callChunks(chunks);
		assertThat(callChunks).hasSize(1);
		JsonNode call = callChunks.get(0);
		assertThat(call.get("id").stringValue()).startsWith("call_");
		assertThat(call.get("function").get("name").stringValue()).isEqualTo("record_fields");
		assertThat(call.get("function").get("arguments").stringValue()).isEqualTo(whole);
		JsonNode last = chunks.get(chunks.size() - 1);
		assertThat(last.get("choices").get(0).get("finish_reason").stringValue()).isEqualTo("tool_calls");
	}

	@Test
	void streamsArgumentFragmentsUnderOneIndexWithToolStreamOnGlm46() throws IOException {
		String whole = wholeArguments("glm-4.6");

		List<JsonNode> callChunks = callChunks(GlmSimulatorStreamingTests.parseChunks(
				this.http.postOverSocket(RawHttp.ZAI, body("glm-4.6", ",\"stream\":true,\"tool_stream\":true"))));

		assertThat(callChunks.size()).isGreaterThan(5);
		assertThat(callChunks.get(0).get("id").stringValue()).startsWith("call_");
		assertThat(callChunks.get(0).get("function").get("name").stringValue()).isEqualTo("record_fields");
		StringBuilder joined = new StringBuilder();
		for (JsonNode call : callChunks) {
			assertThat(call.get("index").intValue()).isZero();
			joined.append(call.get("function").get("arguments").stringValue());
		}
		assertThat(callChunks.subList(1, callChunks.size())).allSatisfy(call -> assertThat(call.has("id")).isFalse());
		assertThat(joined.toString()).isEqualTo(whole);
	}

	@Test
	void streamsOneChunkOnGlm46WithoutToolStream() throws IOException {
		List<JsonNode> callChunks = callChunks(GlmSimulatorStreamingTests
			.parseChunks(this.http.postOverSocket(RawHttp.ZAI, body("glm-4.6", ",\"stream\":true"))));

		assertThat(callChunks).hasSize(1);
	}

	@Test
	void rulesSendTheArgumentsAsAnObjectInTheContentOrBreakingTheSchema() {
		simulator.addRule(
				SimulatorRule.when(Match.any(), Response.normal().withToolCall(ToolCallStyle.OBJECT)).withTimes(1));
		simulator.addRule(
				SimulatorRule.when(Match.any(), Response.normal().withToolCall(ToolCallStyle.CONTENT)).withTimes(1));
		simulator.addRule(
				SimulatorRule.when(Match.any(), Response.normal().withToolCall(ToolCallStyle.INVALID)).withTimes(1));

		JsonNode object = RawHttp.json(this.http.post(RawHttp.ZAI, body("glm-4.5-air", ""))).get("choices").get(0);
		JsonNode content = RawHttp.json(this.http.post(RawHttp.ZAI, body("glm-4.5-air", ""))).get("choices").get(0);
		JsonNode invalid = RawHttp.json(this.http.post(RawHttp.ZAI, body("glm-4.5-air", ""))).get("choices").get(0);

		JsonNode objectArguments = object.get("message").get("tool_calls").get(0).get("function").get("arguments");
		assertThat(objectArguments.isObject()).isTrue();
		assertThat(objectArguments.get("currency").stringValue()).isEqualTo("EUR");
		assertThat(content.get("finish_reason").stringValue()).isEqualTo("stop");
		assertThat(content.get("message").has("tool_calls")).isFalse();
		assertThat(RawHttp.json(content.get("message").get("content").stringValue()).get("total").decimalValue())
			.isEqualByComparingTo("298.80");
		JsonNode broken = RawHttp
			.json(invalid.get("message").get("tool_calls").get(0).get("function").get("arguments").stringValue());
		assertThat(broken.has("vendor")).isFalse();
		assertThat(broken.has("total")).isFalse();
		assertThat(broken.has("currency")).isFalse();
		assertThat(broken.get("invoice_number").isNumber()).isTrue();
	}

	@Test
	void rulesFileNamesTheToolCallStyle() {
		List<SimulatorRule> rules = SimulatorRulesFile.parse("""
				rules:
				  - respond: {toolCall: content}
				  - respond: {toolCall: invalid}
				""");

		assertThat(rules).extracting(rule -> rule.respond().toolCall())
			.containsExactly(ToolCallStyle.CONTENT, ToolCallStyle.INVALID);
	}

	private String wholeArguments(String model) {
		return RawHttp.json(this.http.post(RawHttp.ZAI, body(model, "")))
			.get("choices")
			.get(0)
			.get("message")
			.get("tool_calls")
			.get(0)
			.get("function")
			.get("arguments")
			.stringValue();
	}

	private static List<JsonNode> callChunks(List<JsonNode> chunks) {
		return chunks.stream()
			.map(chunk -> chunk.get("choices").get(0).get("delta").get("tool_calls"))
			.filter(calls -> calls != null)
			.map(calls -> calls.get(0))
			.toList();
	}

}
