package dev.glmbatch.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.glmbatch.simulator.GlmSimulator;
import dev.glmbatch.simulator.SimulatorOptions;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulator", mixinStandardHelpOptions = true,
		description = { "Serves the GLM chat-completions API on loopback, for tests, benchmarks and offline demos.",
				"Routes: POST /api/paas/v4/chat/completions (Z.AI), POST /v1/chat/completions (OpenAI-compatible),",
				"GET /_simulator/stats, POST /_simulator/reset. Runs until stopped (Ctrl-C)." },
		footer = ExitCode.HELP)
final class SimulatorCommand implements Callable<Integer> {

	@Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "Port (default: a free one).")
	private int port;

	@Option(names = "--latency-ms", paramLabel = "MEDIAN",
			description = "Median time to first token in ms (lognormal); 0 for none.")
	private @Nullable Long latencyMs;

	@Option(names = "--latency-sigma", paramLabel = "SIGMA", description = "Spread of the lognormal latency.")
	private @Nullable Double latencySigma;

	@Option(names = "--tokens-per-second", paramLabel = "TPS",
			description = "Generation speed after the first token; 0 for instant.")
	private @Nullable Double tokensPerSecond;

	@Option(names = "--max-in-flight", paramLabel = "C",
			description = "Requests in flight per model before answering 429/1302 (default: Z.AI's per-model limits).")
	private @Nullable Integer maxInFlight;

	@Option(names = "--faults", paramLabel = "CODE=RATE,...",
			description = "Fault rates, e.g. 1302=0.05,500=0.01 (also 1305, 1113, 1301, drop, malformed-sse, network_error, slow-drip).")
	private @Nullable String faults;

	@Option(names = "--rules", paramLabel = "FILE",
			description = "YAML file of scripted answers (format: docs/simulator-rules.md).")
	private @Nullable Path rules;

	@Option(names = "--api-keys", paramLabel = "KEY,...", split = ",",
			description = "Accept only these API keys (default: any non-empty key).")
	private Set<String> apiKeys = Set.of();

	@Option(names = "--seed", paramLabel = "N", description = "Seed for latency and fault draws.")
	private @Nullable Long seed;

	@Override
	public Integer call() throws InterruptedException {
		SimulatorOptions options = SimulatorOptions.defaults();
		options = options.withPort(port);
		if (latencyMs != null) {
			options = options.withLatencyMedian(Duration.ofMillis(latencyMs));
		}
		if (latencySigma != null) {
			options = options.withLatencySigma(latencySigma);
		}
		if (tokensPerSecond != null) {
			options = options.withTokensPerSecond(tokensPerSecond);
		}
		if (maxInFlight != null) {
			options = options.withMaxInFlight(maxInFlight);
		}
		if (faults != null) {
			Map<String, Double> parsed = SimulatorOptions.parseFaults(faults);
			options = options.withFaults(parsed);
		}
		if (rules != null) {
			options = options.withRulesFile(rules.toAbsolutePath());
		}
		if (!apiKeys.isEmpty()) {
			options = options.withApiKeys(apiKeys);
		}
		if (seed != null) {
			options = options.withSeed(seed);
		}
		GlmSimulator simulator = GlmSimulator.start(options);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			simulator.close();
			stopped.countDown();
		}, "glmb-simulator-stop"));
		System.out.printf(
				"GLM simulator listening on %s%n  Z.AI base URL:              %s%n"
						+ "  OpenAI-compatible base URL: %s%n  stats: GET %s/_simulator/stats%n  answers: %s%n",
				simulator.baseUrl(), simulator.zaiBaseUrl(), simulator.openAiBaseUrl(), simulator.baseUrl(),
				GlmSimulator.describeAnswers("any"));
		System.out.flush();
		stopped.await();
		return ExitCode.DONE;
	}

}
