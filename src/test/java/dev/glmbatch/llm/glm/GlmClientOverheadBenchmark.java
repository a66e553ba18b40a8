package dev.glmbatch.llm.glm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.Thinking;
import dev.glmbatch.simulator.GlmSimulator;
import dev.glmbatch.simulator.SimulatorOptions;

import static dev.glmbatch.testsupport.GlmPropertiesBuilder.glmProperties;

/**
 * Not a test: a throwaway measurement of what the client adds per call. Runs sequential
 * calls against the simulator at zero latency, once through {@link GlmClient} and once as
 * a bare {@link HttpClient} POST of an equivalent body whose response is read as bytes
 * and not parsed, and logs the median and 90th percentile of each. Run with
 * {@code java -cp target/classes:target/test-classes:<test classpath> dev.glmbatch.llm.glm.GlmClientOverheadBenchmark [calls]}.
 */
final class GlmClientOverheadBenchmark {

	private static final Logger log = LoggerFactory.getLogger(GlmClientOverheadBenchmark.class);

	private GlmClientOverheadBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int calls = (args.length > 0) ? Integer.parseInt(args[0]) : 3000;
		try (GlmSimulator simulator = GlmSimulator.start(SimulatorOptions.defaults());
				GlmClient client = GlmClient
					.create(glmProperties("bench-key").baseUrl(simulator.zaiBaseUrl()).build())) {
			ChatRequest request = ChatRequest.of("glm-4.5-air", Thinking.DISABLED,
					ChatMessage.system("Translate to German."), ChatMessage.user("Good morning"));
			HttpClient raw = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			URI endpoint = URI.create(simulator.zaiBaseUrl() + "/chat/completions");
			for (int round = 0; round < 3; round++) {
				// alternate to spread JIT warm-up and machine noise over both sides; keep
				// the last round
				int current = round;
				long[] rawNanos = time(calls, () -> rawCall(raw, endpoint, current));
				long[] clientNanos = time(calls, () -> client.complete(request));
				log.info(
						"round {}: {} calls each; raw HttpClient median {} us p90 {} us; GlmClient median {} us p90 {} us; "
								+ "overhead median {} us",
						round, calls, micros(rawNanos, 50), micros(rawNanos, 90), micros(clientNanos, 50),
						micros(clientNanos, 90), micros(clientNanos, 50) - micros(rawNanos, 50));
			}
		}
	}

	private static void rawCall(HttpClient raw, URI endpoint, int round) throws Exception {
		String body = "{\"model\":\"glm-4.5-air\",\"messages\":[{\"role\":\"system\",\"content\":\"Translate to German.\"},"
				+ "{\"role\":\"user\",\"content\":\"Good morning\"}],\"thinking\":{\"type\":\"disabled\"},"
				+ "\"request_id\":\"bench-" + System.nanoTime() + "-" + round + "\"}";
		HttpRequest request = HttpRequest.newBuilder(endpoint)
			.header("Authorization", "Bearer bench-key")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
			.build();
		HttpResponse<byte[]> response = raw.send(request, HttpResponse.BodyHandlers.ofByteArray());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("simulator answered HTTP " + response.statusCode());
		}
	}

	private static long[] time(int calls, Call call) throws Exception {
		long[] nanos = new long[calls];
		for (int i = 0; i < calls; i++) {
			long start = System.nanoTime();
			call.run();
			nanos[i] = System.nanoTime() - start;
		}
		Arrays.sort(nanos);
		return nanos;
	}

	private static long micros(long[] sorted, int percentile) {
		return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1000;
	}

	@FunctionalInterface
	private interface Call {

		void run() throws Exception;

	}

}
