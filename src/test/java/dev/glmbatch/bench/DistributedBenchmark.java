package dev.glmbatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.glmbatch.simulator.GlmSimulator;
import dev.glmbatch.simulator.SimulatorOptions;
import dev.glmbatch.testsupport.JarProcess;
import dev.glmbatch.testsupport.TestDatabases;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Not a unit test: a measurement, skipped unless {@code -Dglmbatch.bench=true} and a
 * PostgreSQL server is configured ({@code GLMBATCH_TEST_POSTGRES_URL}, e.g. the one
 * {@code .ci/postgres.sh start} runs). Runs a distributed translation job with one
 * worker, then with three, against a simulator in this JVM with a high limit (256 calls
 * in flight, 20 ms a call, each worker 64 in flight) and with a low one (8 in flight, 100
 * ms a call, each worker 8), and logs the rows per second of the run (the manager's own
 * time, from its job's start to its output written) and what the shared in-flight permits
 * cost: the database round trips per GLM attempt, as the workers count them. Run with:
 *
 * <pre>
 * ./mvnw -B -o package -DskipTests
 * GLMBATCH_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:55432/batch ./mvnw -B -o surefire:test -Dtest=DistributedBenchmark -Dglmbatch.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "glmbatch.bench", matches = "true")
class DistributedBenchmark {

	private static final Logger log = LoggerFactory.getLogger(DistributedBenchmark.class);

	private static final Pattern COMPLETED = Pattern.compile("COMPLETED in ([0-9.]+) s");

	private static final Duration PATIENCE = Duration.ofMinutes(20);

	@TempDir
	Path dir;

	@Test
	void rowsPerSecondOfOneWorkerAndOfThree() throws Exception {
		assumeTrue(TestDatabases.postgresUrl() != null, TestDatabases.POSTGRES_URL + " names no PostgreSQL server");
		List<String> figures = new ArrayList<>();
		for (Scenario scenario : List.of(new Scenario(256, 20, 64, 12_000), new Scenario(8, 100, 8, 1_200))) {
			try (GlmSimulator simulator = GlmSimulator.start(SimulatorOptions.defaults()
				.withLatencyMedian(Duration.ofMillis(scenario.latencyMillis()))
				.withLatencySigma(0)
				.withMaxInFlight(scenario.limit()))) {
				for (int workers : List.of(1, 3)) {
					figures.add(measure(simulator, scenario, workers));
				}
			}
		}
		log.info("BENCHMARK distributed runs (manager + workers on this machine, PostgreSQL state):");
		figures.forEach(line -> log.info("BENCHMARK {}", line));
	}

	private String measure(GlmSimulator simulator, Scenario scenario, int count) throws Exception {
		String name = "bench-" + scenario.limit() + "-" + count + "-" + System.nanoTime();
		Path work = Files.createDirectories(dir.resolve(name));
		TranslationJobFixture job = TranslationJobFixture.aTranslationJob(work)
			.named(name)
			.withRows(scenario.rows())
			.withLanguages("fr")
			.withChunkSize(50)
			.withConcurrency(scenario.perWorker());
		job.write();
		Map<String, String> env = TestDatabases.environment(TestDatabases.POSTGRESQL);
		env.put("ZAI_API_KEY", "bench-key");
		String baseUrl = simulator.zaiBaseUrl().toString();
		List<JarProcess> workers = new ArrayList<>();
		try {
			for (int i = 1; i <= count; i++) {
				Path home = Files.createDirectories(work.resolve("worker-" + i));
				workers.add(JarProcess.start(home, home.resolve("worker.log"), env, List.of("-Xmx256m"), "worker",
						"--base-url", baseUrl));
			}
			for (JarProcess worker : workers) {
				worker.awaitLine(Pattern.compile("(waiting for partitions)"), PATIENCE);
			}
			JarProcess run = JarProcess.start(work, work.resolve("run.log"), env, List.of("-Xmx256m"), "run",
					job.jobFile().toString(), "--distributed", "--partitions", "24", "--base-url", baseUrl,
					"--max-in-flight", String.valueOf(scenario.limit()), "--no-reuse");
			assertThat(run.waitFor(PATIENCE)).isTrue();
			assertThat(run.exitValue()).as(run.output()).isZero();
			Matcher completed = COMPLETED.matcher(run.output());
			assertThat(completed.find()).as(run.output()).isTrue();
			double seconds = Double.parseDouble(completed.group(1));
			for (JarProcess worker : workers) {
				worker.terminate();
				assertThat(worker.waitFor(PATIENCE)).isTrue();
			}
			return String.format(Locale.ROOT,
					"limit %3d, %3d ms a call, %d worker(s) x %2d in flight, %,6d rows: %6.1f s, %7.1f rows/s",
					scenario.limit(), scenario.latencyMillis(), count, scenario.perWorker(), scenario.rows(), seconds,
					scenario.rows() / seconds);
		}
		finally {
			for (JarProcess worker : workers) {
				worker.close();
			}
		}
	}

	/** An account's limit, its latency, each worker's concurrency and the job's rows. */
	private record Scenario(int limit, int latencyMillis, int perWorker, int rows) {
	}

}
