package dev.glmbatch.simulator;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.glmbatch.testsupport.GlmSimulatorExtension;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class GlmSimulatorValidationTests {

	private static final String HELLO = "[{\"role\":\"user\",\"content\":\"hi\"}]";

	@Nested
	class Parameters {

		@RegisterExtension
		static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

		private final RawHttp http = RawHttp.to(simulator);

		static Stream<Arguments> invalidBodies() {
			return Stream.of(Arguments.of("empty body", "", "1210", null),
					Arguments.of("not json", "{\"model\":", "1210", null),
					Arguments.of("trailing garbage", "{\"model\":\"glm-4.5\",\"messages\":" + HELLO + "} x", "1210",
							null),
					Arguments.of("not an object", "[1,2]", "1210", null),
					Arguments.of("no model", "{\"messages\":" + HELLO + "}", "1213", "model"),
					Arguments.of("no messages", "{\"model\":\"glm-4.5\"}", "1213", "messages"),
					Arguments.of("unknown model", "{\"model\":\"glm-9\",\"messages\":" + HELLO + "}", "1211", "glm-9"),
					Arguments.of("empty messages", "{\"model\":\"glm-4.5\",\"messages\":[]}", "1214", "messages"),
					Arguments.of("system only",
							"{\"model\":\"glm-4.5\",\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}", "1214",
							"messages"),
					Arguments.of("bad role",
							"{\"model\":\"glm-4.5\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}", "1214",
							"messages[0].role"),
					Arguments.of("content array",
							"{\"model\":\"glm-4.5\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}",
							"1214", "messages[0].content"),
					Arguments.of("temperature above 1", body("\"temperature\":1.5"), "1214", "temperature"),
					Arguments.of("temperature below 0", body("\"temperature\":-0.1"), "1214", "temperature"),
					Arguments.of("top_p below 0.01", body("\"top_p\":0.001"), "1214", "top_p"),
					Arguments.of("top_p above 1", body("\"top_p\":1.01"), "1214", "top_p"),
					Arguments.of("max_tokens 0", body("\"max_tokens\":0"), "1214", "max_tokens"),
					Arguments.of("max_tokens above model max", body("\"max_tokens\":98305"), "1214", "max_tokens"),
					Arguments.of("max_tokens fractional", body("\"max_tokens\":10.5"), "1214", "max_tokens"),
					Arguments.of("thinking type", body("\"thinking\":{\"type\":\"auto\"}"), "1214", "thinking.type"),
					Arguments.of("thinking not object", body("\"thinking\":true"), "1214", "thinking.type"),
					Arguments.of("response format", body("\"response_format\":{\"type\":\"json_schema\"}"), "1214",
							"response_format.type"),
					Arguments.of("tool choice", body("\"tool_choice\":\"required\""), "1214", "tool_choice"),
					Arguments.of("stream not boolean", body("\"stream\":\"yes\""), "1214", "stream"),
					Arguments.of("prompt over context",
							"{\"model\":\"glm-4.5\",\"messages\":[{\"role\":\"user\",\"content\":\""
									+ "x".repeat(4 * RequestReader.CONTEXT_TOKENS) + "\"}]}",
							"1261", "context"));
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("invalidBodies")
		void refusesInvalidBodyWith400AndCode(String description, String body, String code, String named) {
			HttpResponse<String> response = this.http.post(RawHttp.ZAI, body);

			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
			JsonNode error = RawHttp.json(response).get("error");
			assertThat(error.get("code").isString()).isTrue();
			assertThat(error.get("code").stringValue()).isEqualTo(code);
			if (named != null) {
				assertThat(error.get("message").stringValue()).contains(named);
			}
			assertThat(simulator.stats().countOfCode(code)).isEqualTo(1);
		}

		@ParameterizedTest(name = "{0}")
		@ValueSource(strings = { "\"temperature\":0", "\"temperature\":1", "\"top_p\":0.01", "\"top_p\":1",
				"\"max_tokens\":1", "\"max_tokens\":98304", "\"tool_choice\":\"auto\"",
				"\"response_format\":{\"type\":\"text\"}", "\"do_sample\":false", "\"unknown_field\":{\"a\":1}" })
		void acceptsBoundaryValues(String field) {
			assertThat(this.http.post(RawHttp.ZAI, body(field)).statusCode()).isEqualTo(200);
		}

		@Test
		void acceptsAssistantWithoutContentAndToolMessages() {
			HttpResponse<String> response = this.http.post(RawHttp.ZAI,
					"""
							{"model":"glm-4.5","messages":[{"role":"user","content":"weather?"},
							 {"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"w","arguments":"{}"}}]},
							 {"role":"tool","content":"sunny","tool_call_id":"c1"}]}""");

			assertThat(response.statusCode()).isEqualTo(200);
		}

		@Test
		void writesOpenAiStyleErrorsOnOpenAiRoute() {
			HttpResponse<String> response = this.http.post(RawHttp.OPENAI, body("\"temperature\":3"));

			assertThat(response.statusCode()).isEqualTo(400);
			JsonNode error = RawHttp.json(response).get("error");
			assertThat(error.propertyNames()).containsExactly("message", "type", "code");
			assertThat(error.get("type").stringValue()).isEqualTo("invalid_request_error");
			assertThat(error.get("code").stringValue()).isEqualTo("1214");
		}

		@Test
		void writesZaiErrorsWithCodeAndMessageOnly() {
			JsonNode error = RawHttp.json(this.http.post(RawHttp.ZAI, body("\"temperature\":3"))).get("error");

			assertThat(error.propertyNames()).containsExactly("code", "message");
		}

		@ParameterizedTest
		@ValueSource(strings = { "", "Basic dXNlcjpwYXNz", "Bearer ", "Bearer    " })
		void refusesMissingBearerTokenWith1001(String authorization) {
			HttpResponse<String> response = this.http.post(RawHttp.ZAI, body(null),
					authorization.isEmpty() ? null : authorization);

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(RawHttp.json(response).get("error").get("code").stringValue()).isEqualTo("1001");
		}

		@Test
		void acceptsAnyNonEmptyKeyWhenNoneConfigured() {
			assertThat(this.http.post(RawHttp.ZAI, body(null), "Bearer whatever.secret").statusCode()).isEqualTo(200);
		}

		private static String body(String extraField) {
			return "{\"model\":\"glm-4.5\",\"messages\":" + HELLO + ((extraField != null) ? "," + extraField : "")
					+ "}";
		}

	}

	@Nested
	class ConfiguredKeys {

		private static final String KEY = "key-id.key-secret";

		@RegisterExtension
		static GlmSimulatorExtension simulator = GlmSimulatorExtension
			.withOptions(SimulatorOptions.defaults().withApiKeys(Set.of(KEY)));

		private final RawHttp http = RawHttp.to(simulator);

		@Test
		void acceptsConfiguredRawKey() {
			assertThat(post("Bearer " + KEY).statusCode()).isEqualTo(200);
		}

		@Test
		void refusesUnknownKeyWith1002() {
			HttpResponse<String> response = post("Bearer other-id.other-secret");

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(RawHttp.json(response).get("error").get("code").stringValue()).isEqualTo("1002");
		}

		@Test
		void acceptsJwtSignedWithConfiguredKey() throws Exception {
			long now = System.currentTimeMillis();
			String token = jwt("key-id", "key-secret", now + 210_000);

			assertThat(post("Bearer " + token).statusCode()).isEqualTo(200);
		}

		@Test
		void refusesJwtWithWrongSignatureWith1002() throws Exception {
			String token = jwt("key-id", "not-the-secret", System.currentTimeMillis() + 210_000);

			HttpResponse<String> response = post("Bearer " + token);

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(RawHttp.json(response).get("error").get("code").stringValue()).isEqualTo("1002");
		}

		@Test
		void refusesExpiredJwtWith1003() throws Exception {
			String token = jwt("key-id", "key-secret", System.currentTimeMillis() - 1_000);

			HttpResponse<String> response = post("Bearer " + token);

			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(RawHttp.json(response).get("error").get("code").stringValue()).isEqualTo("1003");
		}

		@Test
		void refusesMissingHeaderWith1001EvenWithKeysConfigured() {
			HttpResponse<String> response = post(null);

			assertThat(RawHttp.json(response).get("error").get("code").stringValue()).isEqualTo("1001");
		}

		private HttpResponse<String> post(String authorization) {
			return this.http.post(RawHttp.ZAI, "{\"model\":\"glm-4.5\",\"messages\":" + HELLO + "}", authorization);
		}

		private static String jwt(String id, String secret, long expiresAtMillis) throws Exception {
			Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
			String header = base64
				.encodeToString("{\"alg\":\"HS256\",\"sign_type\":\"SIGN\"}".getBytes(StandardCharsets.UTF_8));
			String payload = base64.encodeToString(("{\"api_key\":\"" + id + "\",\"exp\":" + expiresAtMillis
					+ ",\"timestamp\":" + System.currentTimeMillis() + "}")
				.getBytes(StandardCharsets.UTF_8));
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			String signature = base64
				.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
			return header + "." + payload + "." + signature;
		}

	}

}
