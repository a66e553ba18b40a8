package dev.glmbatch.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The GLM simulator started from the packaged jar in another process, as the process
 * tests run it: a free port, 15 ms of latency per call and at most 64 calls in flight.
 * Register it on a static field with {@code @RegisterExtension}: it starts before all
 * tests of the class in a temporary folder of its own, and is killed after them, its
 * folder deleted.
 */
public final class SimulatorProcess implements BeforeAllCallback, AfterAllCallback {

	private static final Pattern LISTENING = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)");

	private @Nullable Path dir;

	private @Nullable JarProcess process;

	private @Nullable URI url;

	private @Nullable ServiceApi api;

	private final int maxInFlight;

	private final int latencyMillis;

	private final @Nullable String rules;

	/** 15 ms of latency per call, at most 64 calls in flight. */
	public SimulatorProcess() {
		this(64, 15);
	}

	/**
	 * @param maxInFlight the calls in flight the simulator allows per model before it
	 * answers 1302
	 * @param latencyMillis the latency of every call
	 */
	public SimulatorProcess(int maxInFlight, int latencyMillis) {
		this(maxInFlight, latencyMillis, null);
	}

	private SimulatorProcess(int maxInFlight, int latencyMillis, @Nullable String rules) {
		this.maxInFlight = maxInFlight;
		this.latencyMillis = latencyMillis;
		this.rules = rules;
	}

	/**
	 * 15 ms of latency per call, at most 64 calls in flight, and the answers a rules file
	 * scripts ({@code docs/simulator-rules.md}): {@code rules} is the file's YAML.
	 */
	public static SimulatorProcess withRules(String rules) {
		return new SimulatorProcess(64, 15, rules);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
		Path work = Files.createTempDirectory("glm-batch-simulator");
		dir = work;
		List<String> arguments = new ArrayList<>(List.of("simulator", "--port", "0", "--latency-ms",
				String.valueOf(latencyMillis), "--max-in-flight", String.valueOf(maxInFlight)));
		if (rules != null) {
			Path file = work.resolve("rules.yaml");
			Files.writeString(file, rules, StandardCharsets.UTF_8);
			arguments.addAll(List.of("--rules", file.toString()));
		}
		JarProcess started = JarProcess.start(work, work.resolve("simulator.log"), Map.of(), List.of(),
				arguments.toArray(String[]::new));
		process = started;
		URI listening = URI.create(started.awaitLine(LISTENING, Duration.ofMinutes(3)));
		url = listening;
		api = new ServiceApi(listening);
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException, InterruptedException {
		if (process != null) {
			process.close();
			process = null;
		}
		url = null;
		api = null;
		if (dir != null) {
			try (Stream<Path> files = Files.walk(dir)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(file);
				}
			}
			dir = null;
		}
	}

	/** The base URL of the Z.ai-style API, for {@code --base-url}. */
	public URI zaiBaseUrl() {
		return URI.create(url() + "/api/paas/v4");
	}

	/** Forgets the calls counted so far. */
	public void reset() {
		api().post("/_simulator/reset");
	}

	/** Chat requests the simulator has answered since it started or was last reset. */
	public long requests() {
		return ServiceApi.json(api().get("/_simulator/stats")).get("requests").asLong();
	}

	/** Successful calls whose request had been answered before: paid twice. */
	public long repaidCalls() {
		return ServiceApi.json(api().get("/_simulator/stats")).get("repaidCalls").asLong();
	}

	/** Answers with a business code (e.g. 1302) since the start or the last reset. */
	public long answersWithCode(String code) {
		return ServiceApi.json(api().get("/_simulator/stats")).path("byCode").path(code).asLong(0);
	}

	/**
	 * The most calls the simulator had in flight at once since the start or the last
	 * reset.
	 */
	public int peakInFlight() {
		return ServiceApi.json(api().get("/_simulator/stats")).get("maxInFlight").asInt();
	}

	private ServiceApi api() {
		ServiceApi running = api;
		if (running == null) {
			throw new IllegalStateException("the simulator runs only while tests of its class run");
		}
		return running;
	}

	private URI url() {
		URI running = url;
		if (running == null) {
			throw new IllegalStateException("the simulator runs only while tests of its class run");
		}
		return running;
	}

}
