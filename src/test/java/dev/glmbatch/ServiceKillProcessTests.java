package dev.glmbatch;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.JarProcess;
import dev.glmbatch.testsupport.JarProcesses;
import dev.glmbatch.testsupport.ServiceApi;
import dev.glmbatch.testsupport.SimulatorProcess;
import dev.glmbatch.testsupport.SweepJobFixture;
import dev.glmbatch.testsupport.TestDatabases;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged jar as a service ({@code serve}) against a simulator in another
 * process, kills it with SIGKILL mid-run and starts it again: a sweep of dropped files
 * and a run started through the API both go on by themselves, every row lands exactly
 * once in input order, and only the calls in flight at the kill are paid twice.
 */
class ServiceKillProcessTests {

	private static final int ROWS_PER_FILE = 1500;

	private static final int CONCURRENCY = 8;

	/**
	 * Committed rows before the kill: ten chunks, so that the resume has work behind it
	 * to skip.
	 */
	private static final long ROWS_BEFORE_KILL = 200;

	private static final Duration PATIENCE = Duration.ofMinutes(3);

	@RegisterExtension
	static SimulatorProcess simulator = new SimulatorProcess();

	@RegisterExtension
	final JarProcesses services = new JarProcesses();

	/** The service started last: the one that runs now. */
	private JarProcess running;

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.glmbatch.testsupport.TestDatabases#names")
	void aSweepKilledMidFileGoesOnAfterTheRestartAndProcessesEachFileOnce(String database, @TempDir Path dir)
			throws Exception {
		String name = "sweep-" + database + "-" + System.nanoTime();
		SweepJobFixture job = SweepJobFixture.aSweepJob(dir).named(name).withChunkSize(20).withConcurrency(CONCURRENCY);
		job.write();
		job.drop("a.csv", "A", ROWS_PER_FILE);
		job.drop("b.csv", "B", ROWS_PER_FILE);
		simulator.reset();

		ServiceApi first = startService(dir, database);
		long rowsAtKill = awaitRows(first, name, rows -> rows >= ROWS_BEFORE_KILL);
		kill();
		ServiceApi second = startService(dir, database);
		List<JsonNode> runs = awaitRuns(second, name,
				all -> all.size() == 2 && all.stream().allMatch(run -> status(run).equals("COMPLETED"))
						&& Files.exists(job.processed().resolve("b.csv")));

		long repaid = simulator.repaidCalls();
		System.out.printf("[%s] sweep: killed at %d committed rows; %d calls paid twice (bound %d)%n", database,
				rowsAtKill, repaid, CONCURRENCY);
		assertThat(rowsAtKill).as("killed mid-way").isLessThan(2L * ROWS_PER_FILE);
		assertThat(runs).extracting(run -> run.get("totals").get("rows").asLong()).containsOnly((long) ROWS_PER_FILE);
		assertThat(runs).as("the run killed mid-file was resumed, not started again")
			.anySatisfy(run -> assertThat(run.get("executions").asInt()).isGreaterThanOrEqualTo(2));
		for (String file : List.of("a", "b")) {
			Path output = job.outputFor(file + ".csv");
			assertThat(CsvFiles.column(output, "sku")).as(file + ": every row once, in input order")
				.containsExactlyElementsOf(CsvFiles.numbered(file.toUpperCase(), ROWS_PER_FILE));
			assertThat(CsvFiles.column(output, "name_fr"))
				.allSatisfy(value -> assertThat(value).startsWith("[French] "));
			assertThat(job.processed().resolve(file + ".csv")).exists();
		}
		try (Stream<Path> incoming = Files.list(job.incoming())) {
			assertThat(incoming).isEmpty();
		}
		assertThat(repaid).isLessThanOrEqualTo(CONCURRENCY);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.glmbatch.testsupport.TestDatabases#names")
	void aRunStartedThroughTheApiAndKilledResumesByItselfAtTheNextStart(String database, @TempDir Path dir)
			throws Exception {
		String name = "api-" + database + "-" + System.nanoTime();
		TranslationJobFixture job = TranslationJobFixture.aTranslationJob(dir)
			.named(name)
			.withRows(ROWS_PER_FILE)
			.withLanguages("fr")
			.withChunkSize(20)
			.withConcurrency(CONCURRENCY);
		job.write();
		simulator.reset();

		ServiceApi first = startService(dir, database);
		long runId = first.startRun(name);
		long rowsAtKill = rows(first.awaitRun(runId, PATIENCE, run -> rows(run) >= ROWS_BEFORE_KILL));
		kill();
		ServiceApi second = startService(dir, database);
		JsonNode run = second.awaitRun(runId, PATIENCE, candidate -> status(candidate).equals("COMPLETED"));

		long repaid = simulator.repaidCalls();
		System.out.printf("[%s] API run: killed at %d committed rows; %d calls paid twice (bound %d)%n", database,
				rowsAtKill, repaid, CONCURRENCY);
		assertThat(rowsAtKill).as("killed mid-way").isLessThan(ROWS_PER_FILE);
		assertThat(run.get("executions").asInt()).as("resumed by the service itself, once").isEqualTo(2);
		assertThat(rows(run)).isEqualTo(ROWS_PER_FILE);
		assertThat(running.output()).as("the second service").contains("Resuming run " + runId);
		assertThat(CsvFiles.column(job.outputFile(), "sku")).as("every row once, in input order")
			.containsExactlyElementsOf(CsvFiles.numbered("P", ROWS_PER_FILE));
		assertThat(repaid).isLessThanOrEqualTo(CONCURRENCY);
	}

	private ServiceApi startService(Path dir, String database) throws Exception {
		Map<String, String> env = TestDatabases.environment(database);
		env.put("ZAI_API_KEY", "service-kill-test-key");
		running = services.add(JarProcess.start(dir, dir.resolve("service.log"), env, List.of(), "serve", "--port", "0",
				"--jobs", dir.resolve("jobs").toString(), "--base-url", simulator.zaiBaseUrl().toString()));
		return ServiceApi.of(running, PATIENCE);
	}

	/** SIGKILL to the service that runs now. */
	private void kill() throws InterruptedException {
		running.kill();
	}

	private static long awaitRows(ServiceApi service, String job, Predicate<Long> done) throws Exception {
		List<JsonNode> runs = awaitRuns(service, job,
				all -> done.test(all.stream().mapToLong(ServiceKillProcessTests::rows).sum()));
		return runs.stream().mapToLong(ServiceKillProcessTests::rows).sum();
	}

	private static List<JsonNode> awaitRuns(ServiceApi service, String job, Predicate<List<JsonNode>> done)
			throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		List<JsonNode> runs = List.of();
		while (System.nanoTime() < deadline) {
			HttpResponse<String> response = service.get("/api/runs?job=" + job);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			runs = new ArrayList<>();
			ServiceApi.json(response).forEach(runs::add);
			if (done.test(runs)) {
				return runs;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The runs of job " + job + " did not get there within " + PATIENCE + ": " + runs);
	}

	private static long rows(JsonNode run) {
		return run.get("totals").get("rows").asLong();
	}

	private static String status(JsonNode run) {
		return run.get("status").asString();
	}

}
