package dev.glmbatch.llm.glm;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.Thinking;
import dev.glmbatch.llm.ToolCall;
import dev.glmbatch.llm.ToolFunction;
import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.simulator.SimulatorRule.ToolCallStyle;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.glmbatch.testsupport.GlmPropertiesBuilder.glmProperties;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Function calls through the client over real HTTP: the request's tools and
 * {@code tool_choice}, {@code tool_stream} only when streaming to GLM-4.6 or later, and
 * calls read from whole answers and from streams (one chunk on GLM-4.5, fragments with
 * {@code tool_stream}), with arguments as a string or as an object.
 */
class GlmClientToolCallTests {

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	private static final String SCHEMA = "{\"type\":\"object\",\"properties\":{\"vendor\":{\"type\":\"string\"},"
			+ "\"total\":{\"type\":\"number\"},\"currency\":{\"type\":\"string\"}},\"required\":[\"vendor\",\"total\"]}";

	private static final ToolFunction TOOL = new ToolFunction("record_fields", "Records the fields.", SCHEMA);

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<AutoCloseable> closing = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : closing) {
			closeable.close();
		}
	}

	@Test
	void sendsTheFunctionWithItsSchemaAndToolChoiceAuto() {
		StubGlmServer stub = stub();

		client(stub).complete(request("glm-4.5-air", false));

		JsonNode body = json.readTree(stub.received().get(0).body());
		assertThat(body.get("tool_choice").stringValue()).isEqualTo("auto");
		JsonNode tool = body.get("tools").get(0);
		assertThat(tool.get("type").stringValue()).isEqualTo("function");
		assertThat(tool.get("function").get("name").stringValue()).isEqualTo("record_fields");
		assertThat(tool.get("function").get("description").stringValue()).isEqualTo("Records the fields.");
		assertThat(tool.get("function").get("parameters")).isEqualTo(json.readTree(SCHEMA));
		assertThat(body.has("tool_stream")).isFalse();
	}

	@Test
	void sendsNoToolsNorToolChoiceWithoutTools() {
		StubGlmServer stub = stub();

		client(stub).complete(request("glm-4.5-air", false).withTools(List.of()));

		JsonNode body = json.readTree(stub.received().get(0).body());
		assertThat(body.has("tools")).isFalse();
		assertThat(body.has("tool_choice")).isFalse();
	}

	@ParameterizedTest(name = "{0}, stream {1}: tool_stream {2}")
	@CsvSource({ "glm-4.5-air, true, false", "glm-4.5, true, false", "glm-4.6, true, true", "glm-4.7, true, true",
			"glm-4.7, false, false", "glm-5.1, true, true", "glm-5-turbo, true, true" })
	void asksForToolStreamOnlyWhenStreamingToGlm46OrLater(String model, boolean stream, boolean toolStream) {
		StubGlmServer stub = stub();

		client(stub).complete(request(model, stream));

		JsonNode body = json.readTree(stub.received().get(0).body());
		assertThat(body.path("tool_stream").asBoolean(false)).isEqualTo(toolStream);
		assertThat(body.get("tool_choice").stringValue()).isEqualTo("auto");
	}

	@Test
	void readsACallWithStringArguments() {
		ChatAnswer answer = client().complete(request("glm-4.5-air", false));

		assertThat(answer.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
		assertThat(answer.content()).isEmpty();
		assertThat(answer.toolCalls()).hasSize(1);
		ToolCall call = answer.toolCalls().get(0);
		assertThat(call.id()).startsWith("call_");
		assertThat(call.name()).isEqualTo("record_fields");
		JsonNode arguments = json.readTree(call.arguments());
		assertThat(arguments.get("vendor").stringValue()).isEqualTo("Harbor Coffee Roasters");
		assertThat(arguments.get("total").decimalValue()).isEqualByComparingTo("92.50");
		assertThat(arguments.get("currency").stringValue()).isEqualTo("USD");
	}

	@Test
	void readsACallWithObjectArgumentsAsTheirJsonText() {
		String asString = client().complete(request("glm-4.5-air", false)).toolCalls().get(0).arguments();
		simulator.addRule(SimulatorRule.when(Match.any(), Response.normal().withToolCall(ToolCallStyle.OBJECT)));

		ChatAnswer answer = client().complete(request("glm-4.5-air", false));

		assertThat(json.readTree(answer.toolCalls().get(0).arguments())).isEqualTo(json.readTree(asString));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "glm-4.5-air", "glm-4.6" })
	void assemblesAStreamedCallIntoTheSameCallAsAWholeAnswer(String model) {
		ChatAnswer whole = client().complete(request(model, false));

		ChatAnswer streamed = client().complete(request(model, true));

		assertThat(streamed.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
		assertThat(streamed.toolCalls()).hasSize(1);
		assertThat(streamed.toolCalls().get(0).name()).isEqualTo("record_fields");
		assertThat(streamed.toolCalls().get(0).arguments()).isEqualTo(whole.toolCalls().get(0).arguments());
		assertThat(streamed.usage().completionTokens()).isEqualTo(whole.usage().completionTokens());
	}

	private static ChatRequest request(String model, boolean stream) {
		return ChatRequest
			.of(model, Thinking.DISABLED, ChatMessage.system("Answer only by calling record_fields."),
					ChatMessage.user("<<<DATA:k1>>>\nReceipt R-55102 from Harbor Coffee Roasters: 5 x beans, $18.50 "
							+ "each, total $92.50.\n<<<END:k1>>>"))
			.withTools(List.of(TOOL))
			.withStream(stream)
			.withTag("tool-test");
	}

	private StubGlmServer stub() {
		StubGlmServer stub = StubGlmServer.start();
		closing.add(stub);
		return stub;
	}

	private GlmClient client(StubGlmServer stub) {
		return client(glmProperties("stub-key-0001").baseUrl(stub.baseUrl()).build());
	}

	private GlmClient client() {
		return client(glmProperties("sim-key-0001").baseUrl(simulator.zaiBaseUrl()).build());
	}

	private GlmClient client(GlmProperties properties) {
		GlmClient client = new GlmClient(properties, new RecordingSleeper(), new Random(7), Clock.systemUTC());
		closing.add(0, client);
		return client;
	}

}
