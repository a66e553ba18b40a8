package dev.glmbatch;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.glmbatch.testsupport.JarProcess;
import dev.glmbatch.testsupport.TestDatabases;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged jar as a service ({@code serve}) against a simulator in another process, kills it with SIGKILL
 * mid-run and starts it again: a sweep of dropped files and a run started through the API both go on by themselves,
 * every row lands exactly once in input order, and only the calls in flight at the kill are paid twice.
 */
class ServiceKillProcessTests {

	private static final int ROWS_PER_FILE = 1500;

	private static final int CONCURRENCY = 8;

	/** Committed rows before the kill: ten chunks, so that the resume has work behind it to skip. */
	private static final long ROWS_BEFORE_KILL = 200;

	private static final Duration PATIENCE = Duration.ofMinutes(3);

	private static final Pattern SERVICE_URL = Pattern.compile("glm-batch service on (http://127\\.0\\.0\\.1:\\d+)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** C1 only: the service starts in about half the time, and the simulated latency, not the JIT, sets the pace. */
	private static final List<String> SERVICE_JVM = List.of("-XX:TieredStopAtLevel=1");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static JarProcess simulator;

	private static URI simulatorUrl;

	private final List<JarProcess> services = new ArrayList<>();

	@BeforeAll
	static void startSimulator(@TempDir Path dir) throws Exception {
		simulator = JarProcess.start(dir, dir.resolve("simulator.log"), Map.of(), List.of(), "simulator", "--port", "0",
				"--latency-ms", "15", "--max-in-flight", "64");
		simulatorUrl = URI.create(simulator.awaitLine(Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)"), PATIENCE));
	}

	@AfterAll
	static void stopSimulator() throws InterruptedException {
		if (simulator != null) {
			simulator.close();
		}
	}

	@AfterEach
	void killServices() throws InterruptedException {
		for (JarProcess service : services) {
			service.close();
		}
	}

	static Stream<Arguments> databases() {
		return TestDatabases.names()
			.map(name -> Arguments.of(name, name.equals(TestDatabases.H2) ? null : TestDatabases.postgresUrl()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void aSweepKilledMidFileGoesOnAfterTheRestartAndProcessesEachFileOnce(String database, String postgresUrl,
			@TempDir Path dir) throws Exception {
		String job = "sweep-" + database + "-" + System.nanoTime();
		writeSweepJob(dir, job);
		dropCsv(dir, "a", ROWS_PER_FILE);
		dropCsv(dir, "b", ROWS_PER_FILE);
		post(simulatorUrl, "/_simulator/reset");

		URI first = startService(dir, postgresUrl);
		long rowsAtKill = awaitRows(first, job, rows -> rows >= ROWS_BEFORE_KILL);
		kill();
		URI second = startService(dir, postgresUrl);
		List<JsonNode> runs = awaitRuns(second, job,
				all -> all.size() == 2 && all.stream().allMatch(run -> status(run).equals("COMPLETED"))
						&& Files.exists(dir.resolve("input/processed/b.csv")));

		long repaid = repaidCalls();
		System.out.printf("[%s] sweep: killed at %d committed rows; %d calls paid twice (bound %d)%n", database,
				rowsAtKill, repaid, CONCURRENCY);
		assertThat(rowsAtKill).as("killed mid-way").isLessThan(2L * ROWS_PER_FILE);
		assertThat(runs).extracting(run -> run.get("totals").get("rows").asLong())
			.containsOnly((long) ROWS_PER_FILE);
		assertThat(runs).as("the run killed mid-file was resumed, not started again")
			.anySatisfy(run -> assertThat(run.get("executions").asInt()).isGreaterThanOrEqualTo(2));
		for (String file : List.of("a", "b")) {
			Path output = dir.resolve("output/" + job + "-" + file + ".csv");
			assertThat(column(output, "sku")).as(file + ": every row once, in input order")
				.containsExactlyElementsOf(skus(file.toUpperCase(), ROWS_PER_FILE));
			assertThat(column(output, "name_fr")).allSatisfy(value -> assertThat(value).startsWith("[French] "));
			assertThat(dir.resolve("input/processed/" + file + ".csv")).exists();
		}
		try (Stream<Path> incoming = Files.list(dir.resolve("input/incoming"))) {
			assertThat(incoming).isEmpty();
		}
		assertThat(repaid).isLessThanOrEqualTo(CONCURRENCY);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void aRunStartedThroughTheApiAndKilledResumesByItselfAtTheNextStart(String database, String postgresUrl,
			@TempDir Path dir) throws Exception {
		String name = "api-" + database + "-" + System.nanoTime();
		TranslationJobFixture job = TranslationJobFixture.aTranslationJob(dir)
			.named(name)
			.withRows(ROWS_PER_FILE)
			.withLanguages("fr")
			.withChunkSize(20)
			.withConcurrency(CONCURRENCY);
		job.write();
		post(simulatorUrl, "/_simulator/reset");

		URI first = startService(dir, postgresUrl);
		HttpResponse<String> started = post(first, "/api/jobs/" + name + "/runs");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		long runId = JSON.readTree(started.body()).get("runId").asLong();
		long rowsAtKill = rows(awaitRun(first, runId, run -> rows(run) >= ROWS_BEFORE_KILL));
		kill();
		URI second = startService(dir, postgresUrl);
		JsonNode run = awaitRun(second, runId, candidate -> status(candidate).equals("COMPLETED"));

		long repaid = repaidCalls();
		System.out.printf("[%s] API run: killed at %d committed rows; %d calls paid twice (bound %d)%n", database,
				rowsAtKill, repaid, CONCURRENCY);
		assertThat(rowsAtKill).as("killed mid-way").isLessThan(ROWS_PER_FILE);
		assertThat(run.get("executions").asInt()).as("resumed by the service itself, once").isEqualTo(2);
		assertThat(rows(run)).isEqualTo(ROWS_PER_FILE);
		assertThat(services.get(1).output()).contains("Resuming run " + runId);
		assertThat(column(job.outputFile(), "sku")).as("every row once, in input order")
			.containsExactlyElementsOf(skus("P", ROWS_PER_FILE));
		assertThat(repaid).isLessThanOrEqualTo(CONCURRENCY);
	}

	private URI startService(Path dir, String postgresUrl) throws Exception {
		Map<String, String> env = new HashMap<>();
		env.put("ZAI_API_KEY", "service-kill-test-key");
		if (postgresUrl != null) {
			env.put("SPRING_DATASOURCE_URL", postgresUrl);
			env.put("SPRING_DATASOURCE_USERNAME", "batch");
			env.put("SPRING_DATASOURCE_PASSWORD", "batch");
		}
		JarProcess service = JarProcess.start(dir, dir.resolve("service.log"), env, SERVICE_JVM, "serve", "--port",
				"0", "--jobs", dir.resolve("jobs").toString(), "--base-url", simulatorUrl + "/api/paas/v4");
		services.add(service);
		return URI.create(service.awaitLine(SERVICE_URL, PATIENCE));
	}

	/** SIGKILL to the service that runs now. */
	private void kill() throws InterruptedException {
		services.get(services.size() - 1).kill();
	}

	private static void writeSweepJob(Path dir, String name) throws IOException {
		Files.createDirectories(dir.resolve("jobs"));
		Files.createDirectories(dir.resolve("input/incoming"));
		Files.writeString(dir.resolve("jobs/" + name + ".yaml"), """
				name: %s
				input:
				  pattern: ../input/incoming/*.csv
				  processed: ../input/processed
				task:
				  type: translate
				  columns: [name]
				  to: [fr]
				model: glm-4.5-air
				thinking: disabled
				chunk-size: 20
				concurrency: %d
				output:
				  path: ../output/{job}-{input}.csv
				schedule:
				  cron: "*/2 * * * * *"
				  missed: skip
				""".formatted(name, CONCURRENCY), StandardCharsets.UTF_8);
	}

	/** Written under a temporary name and renamed, as a client should. */
	private static void dropCsv(Path dir, String name, int rows) throws IOException {
		StringBuilder csv = new StringBuilder("sku,name,description\n");
		String prefix = name.toUpperCase();
		for (int i = 1; i <= rows; i++) {
			csv.append(prefix).append(i).append(",Product ").append(prefix).append(' ').append(i)
				.append(",Description ").append(i).append('\n');
		}
		Path partial = dir.resolve("input/incoming/" + name + ".csv.part");
		Files.writeString(partial, csv, StandardCharsets.UTF_8);
		Files.move(partial, dir.resolve("input/incoming/" + name + ".csv"));
	}

	private static long awaitRows(URI service, String job, Predicate<Long> done) throws Exception {
		List<JsonNode> runs = awaitRuns(service, job,
				all -> done.test(all.stream().mapToLong(ServiceKillProcessTests::rows).sum()));
		return runs.stream().mapToLong(ServiceKillProcessTests::rows).sum();
	}

	private static List<JsonNode> awaitRuns(URI service, String job, Predicate<List<JsonNode>> done)
			throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		List<JsonNode> runs = List.of();
		while (System.nanoTime() < deadline) {
			HttpResponse<String> response = get(service, "/api/runs?job=" + job);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			runs = new ArrayList<>();
			JSON.readTree(response.body()).forEach(runs::add);
			if (done.test(runs)) {
				return runs;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The runs of job " + job + " did not get there within " + PATIENCE + ": " + runs);
	}

	private static JsonNode awaitRun(URI service, long runId, Predicate<JsonNode> done) throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		JsonNode run = null;
		while (System.nanoTime() < deadline) {
			run = JSON.readTree(get(service, "/api/runs/" + runId).body());
			if (done.test(run)) {
				return run;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("Run " + runId + " did not get there within " + PATIENCE + ": " + run);
	}

	private static long rows(JsonNode run) {
		return run.get("totals").get("rows").asLong();
	}

	private static String status(JsonNode run) {
		return run.get("status").asString();
	}

	private static long repaidCalls() throws Exception {
		return JSON.readTree(get(simulatorUrl, "/_simulator/stats").body()).get("repaidCalls").asLong();
	}

	private static List<String> skus(String prefix, int rows) {
		List<String> skus = new ArrayList<>();
		for (int i = 1; i <= rows; i++) {
			skus.add(prefix + i);
		}
		return skus;
	}

	private static List<String> column(Path csv, String name) throws IOException {
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			List<String> values = new ArrayList<>();
			for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
				.parse(reader)) {
				values.add(record.get(name));
			}
			return values;
		}
	}

	private static HttpResponse<String> get(URI base, String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(URI base, String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(90))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
