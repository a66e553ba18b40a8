package dev.glmbatch.simulator;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GlmSimulatorFaultTests {

	private static final String HELLO = """
			{"model":"glm-4.5","messages":[{"role":"user","content":"hi"}]}""";

	private static final String HELLO_STREAM = """
			{"model":"glm-4.5","stream":true,"messages":[{"role":"user","content":"hi"}]}""";

	@ParameterizedTest(name = "{0} -> HTTP {1}")
	@CsvSource({ "1302, 429", "1305, 429", "1113, 429", "1301, 400", "500, 500" })
	void injectsErrorFaultOnEveryRequestAtRateOne(String fault, int httpStatus) {
		try (GlmSimulator simulator = startWith(fault)) {
			HttpResponse<String> response = new RawHttp(simulator.baseUrl()).post(RawHttp.ZAI, HELLO);

			assertThat(response.statusCode()).isEqualTo(httpStatus);
			assertThat(RawHttp.json(response).get("error").get("code").stringValue()).isEqualTo(fault);
			assertThat(simulator.stats().countOfCode(fault)).isEqualTo(1);
			assertThat(simulator.stats().countOfStatus(httpStatus)).isEqualTo(1);
		}
	}

	@Test
	void dropsConnectionWithoutResponse() {
		try (GlmSimulator simulator = startWith("drop")) {
			RawHttp http = new RawHttp(simulator.baseUrl());

			assertThatThrownBy(() -> http.post(RawHttp.ZAI, HELLO)).isInstanceOf(RawHttp.RawHttpException.class);
			assertThat(simulator.stats().dropped()).isEqualTo(1);
			assertThat(simulator.stats().byHttpStatus()).isEmpty();
		}
	}

	@Test
	void dropsStreamingRequestBeforeAnyByte() throws IOException {
		try (GlmSimulator simulator = startWith("drop")) {
			java.net.Socket socket = new java.net.Socket("127.0.0.1", simulator.port());
			try (socket) {
				byte[] body = HELLO_STREAM.getBytes(java.nio.charset.StandardCharsets.UTF_8);
				socket.getOutputStream()
					.write(("POST " + RawHttp.ZAI
							+ " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\nContent-Length: " + body.length
							+ "\r\n\r\n")
						.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
				socket.getOutputStream().write(body);
				socket.setSoTimeout(10_000);

				assertThat(socket.getInputStream().readAllBytes()).isEmpty();
			}
		}
	}

	@Test
	void putsOneUnparsableDataLineIntoStream() throws IOException {
		try (GlmSimulator simulator = startWith("malformed-sse")) {
			RawHttp.RawResponse response = new RawHttp(simulator.baseUrl()).postOverSocket(RawHttp.ZAI, HELLO_STREAM);

			List<String> unparsable = new ArrayList<>();
			List<String> dataLines = new ArrayList<>();
			for (String line : response.lines()) {
				if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
					dataLines.add(line);
					try {
						RawHttp.json(line.substring(6));
					}
					catch (RuntimeException ex) {
						unparsable.add(line);
					}
				}
			}
			assertThat(unparsable).hasSize(1);
			assertThat(dataLines.indexOf(unparsable.get(0))).isBetween(1, dataLines.size() - 2);
			assertThat(response.lines()).contains("data: [DONE]");
		}
	}

	@Test
	void answersNonStreamingRequestNormallyUnderMalformedSseFault() {
		try (GlmSimulator simulator = startWith("malformed-sse")) {
			HttpResponse<String> response = new RawHttp(simulator.baseUrl()).post(RawHttp.ZAI, HELLO);

			assertThat(response.statusCode()).isEqualTo(200);
		}
	}

	@Test
	void finishesWithNetworkErrorAndPartialContent() throws IOException {
		String body = """
				{"model":"glm-4.5","thinking":{"type":"disabled"},"messages":[{"role":"user","content":"Target language: Dutch\\n<<<DATA:d>>>\\nA sentence long enough to be cut in half.\\n<<<END:d>>>"}]}""";
		String fullContent;
		try (GlmSimulator healthy = GlmSimulator.start(SimulatorOptions.defaults())) {
			fullContent = RawHttp.json(new RawHttp(healthy.baseUrl()).post(RawHttp.ZAI, body))
				.get("choices")
				.get(0)
				.get("message")
				.get("content")
				.stringValue();
		}
		try (GlmSimulator simulator = startWith("network_error")) {
			RawHttp http = new RawHttp(simulator.baseUrl());

			JsonNode choice = RawHttp.json(http.post(RawHttp.ZAI, body)).get("choices").get(0);
			List<JsonNode> chunks = GlmSimulatorStreamingTests.parseChunks(
					http.postOverSocket(RawHttp.ZAI, body.replace("{\"model\"", "{\"stream\":true,\"model\"")));

			String partial = choice.get("message").get("content").stringValue();
			assertThat(choice.get("finish_reason").stringValue()).isEqualTo("network_error");
			assertThat(partial).isNotEmpty().isNotEqualTo(fullContent);
			assertThat(fullContent).startsWith(partial);
			assertThat(chunks.get(chunks.size() - 1).get("choices").get(0).get("finish_reason").stringValue())
				.isEqualTo("network_error");
			assertThat(GlmSimulatorStreamingTests.joined(chunks, "content")).isEqualTo(partial);
		}
	}

	@Test
	void tricklesResponseButDeliversItWhole() {
		try (GlmSimulator simulator = startWith("slow-drip")) {
			long started = System.nanoTime();

			HttpResponse<String> response = new RawHttp(simulator.baseUrl()).post(RawHttp.ZAI, HELLO);

			long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode json = RawHttp.json(response);
			assertThat(json.get("choices").get(0).get("message").get("content").stringValue())
				.startsWith("Simulated answer ");
			// a pause follows every 32-byte piece, so the body cannot arrive faster than
			// that
			int pieces = response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length / 32;
			assertThat(elapsedMillis).isGreaterThanOrEqualTo(pieces * 100L);
		}
	}

	@Test
	void repeatsFaultSequenceForSameSeed() {
		assertThat(outcomes(7L)).isEqualTo(outcomes(7L)).contains(200, 500);
	}

	private static List<Integer> outcomes(long seed) {
		try (GlmSimulator simulator = GlmSimulator
			.start(SimulatorOptions.defaults().withFaults(Map.of("500", 0.5)).withSeed(seed))) {
			RawHttp http = new RawHttp(simulator.baseUrl());
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 30; i++) {
				statuses.add(http.post(RawHttp.ZAI, HELLO).statusCode());
			}
			return statuses;
		}
	}

	private static GlmSimulator startWith(String fault) {
		return GlmSimulator.start(SimulatorOptions.defaults().withFaults(Map.of(fault, 1.0)));
	}

}
