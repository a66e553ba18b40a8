package dev.glmbatch.run.schedule;

import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import dev.glmbatch.testsupport.ServiceFixture;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static dev.glmbatch.testsupport.ServiceFixture.json;
import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the service resumes when it starts again: a run started through the API and interrupted by a shutdown goes on
 * from its last chunk without paying twice, before its job's catch-up trigger; a run stopped on request, a failed run
 * and a run whose input changed are not resumed; a run held by another live process (PostgreSQL) is left to it
 * without stopping the start-up.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResumeAtStartUpIntegrationTests {

	private static final String POSTGRES = "GLMBATCH_TEST_POSTGRES_URL";

	@RegisterExtension
	GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	@TempDir
	Path dir;

	private ServiceFixture service;

	@AfterEach
	void stopService() {
		if (service != null) {
			service.close();
		}
	}

	@Test
	void aRunStartedThroughTheApiAndInterruptedByAShutdownResumesAtTheNextStart(CapturedOutput output)
			throws IOException {
		slowAnswers();
		TranslationJobFixture job = slowJob("on-request", 300);
		service = startService(Map.of());
		long runId = startRun("on-request");
		awaitCommittedRows(runId);
		assertThat(recordedRuns()).containsExactly(runId);

		service.close();
		long paidAtShutdown = simulator.stats().requests();
		service = startService(Map.of());

		awaitStatus(runId, "COMPLETED");
		JsonNode run = json(service.get("/api/runs/" + runId));
		assertThat(run.get("executions").asInt()).as("stopped by the shutdown, resumed at start").isEqualTo(2);
		assertThat(run.get("totals").get("rows").asLong()).isEqualTo(300);
		assertThat(paidAtShutdown).isLessThan(300);
		assertThat(skus(job.outputFile())).containsExactlyElementsOf(expectedSkus(300));
		assertThat(simulator.stats().repaidCalls()).isZero();
		assertThat(simulator.stats().requests()).isEqualTo(300);
		assertThat(output).contains("Resuming run " + runId + " of job 'on-request'");
		await().atMost(Duration.ofSeconds(10)).until(() -> recordedRuns().isEmpty());
	}

	@Test
	void aRunStoppedOnRequestIsNotResumedAtTheNextStart(CapturedOutput output) throws IOException {
		slowAnswers();
		slowJob("stopped", 300);
		service = startService(Map.of());
		long runId = startRun("stopped");
		awaitCommittedRows(runId);

		HttpResponse<String> stop = service.post("/api/runs/" + runId + "/stop");

		assertThat(stop.statusCode()).as(stop.body()).isEqualTo(202);
		awaitStatus(runId, "STOPPED");
		assertThat(recordedRuns()).isEmpty();
		service.close();
		long paidBeforeRestart = simulator.stats().requests();
		service = startService(Map.of());
		assertThat(service.bean(RunLauncher.class).busyWith("stopped")).as("nothing resumed at start-up").isEmpty();
		sleep(1500);
		JsonNode run = json(service.get("/api/runs/" + runId));
		assertThat(run.get("status").asString()).isEqualTo("STOPPED");
		assertThat(run.get("executions").asInt()).isEqualTo(1);
		assertThat(simulator.stats().requests()).isEqualTo(paidBeforeRestart);
		assertThat(output).doesNotContain("Resuming run " + runId);

		// it still resumes on request, from where it stopped
		assertThat(service.post("/api/runs/" + runId + "/resume").statusCode()).isEqualTo(202);
		awaitStatus(runId, "COMPLETED");
		assertThat(simulator.stats().repaidCalls()).isZero();
	}

	@Test
	void aFailedRunIsNotResumedAtTheNextStart() {
		simulator.addRule(SimulatorRule.when(Match.containing("Product 23\n"), Response.error(429, "1113")).withTimes(1));
		aTranslationJob(dir).named("failing").withRows(40).withChunkSize(5).withConcurrency(2).withLanguages("fr")
			.write();
		service = startService(Map.of());
		long runId = startRun("failing");
		awaitStatus(runId, "FAILED");
		await().atMost(Duration.ofSeconds(10)).until(() -> recordedRuns().isEmpty());

		service.close();
		service = startService(Map.of());

		assertThat(service.bean(RunLauncher.class).busyWith("failing")).as("nothing resumed at start-up").isEmpty();
		sleep(1000);
		JsonNode run = json(service.get("/api/runs/" + runId));
		assertThat(run.get("status").asString()).isEqualTo("FAILED");
		assertThat(run.get("executions").asInt()).isEqualTo(1);
	}

	@Test
	void aRunWhoseInputChangedIsForgottenWithAWarningAndTheServiceStarts(CapturedOutput output) throws IOException {
		slowAnswers();
		TranslationJobFixture job = slowJob("changed", 300);
		service = startService(Map.of());
		long runId = startRun("changed");
		awaitCommittedRows(runId);
		service.close();
		Files.writeString(job.inputFile(), "sku,name,description\nX1,Other,Text\n", StandardCharsets.UTF_8);

		service = startService(Map.of());

		await().atMost(Duration.ofSeconds(30)).until(() -> service.bean(RunLauncher.class).busyWith("changed").isEmpty());
		assertThat(recordedRuns()).isEmpty();
		assertThat(json(service.get("/api/runs/" + runId)).get("status").asString()).isEqualTo("STOPPED");
		assertThat(output).contains("Run " + runId + " of job 'changed' cannot resume at start-up")
			.contains("has changed since it started");
		assertThat(service.get("/actuator/health").statusCode()).isEqualTo(200);
	}

	@Test
	void aJobsCatchUpTriggerWaitsForItsResumedRunThenSweepsTheNewFiles(CapturedOutput output) throws Exception {
		slowAnswers();
		writePatternJob("nightly");
		dropCsv("x.csv", 200);
		service = startService(Map.of());
		long runId = awaitFirstRun("nightly");
		awaitCommittedRows(runId);
		assertThat(service.post("/api/runs/" + runId + "/stop").statusCode()).isEqualTo(202);
		awaitStatus(runId, "STOPPED");
		HttpResponse<String> resumed = service.post("/api/runs/" + runId + "/resume");
		for (int tries = 0; resumed.statusCode() == 409 && tries < 100; tries++) {
			// the sweep lets go of the job a moment after its run has stopped
			sleep(50);
			resumed = service.post("/api/runs/" + runId + "/resume");
		}
		assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
		awaitStatus(runId, "STARTED");
		service.close();
		dropCsv("y.csv", 20);

		service = startService(Map.of());

		await().atMost(Duration.ofSeconds(60))
			.until(() -> Files.exists(dir.resolve("input/processed/x.csv"))
					&& Files.exists(dir.resolve("input/processed/y.csv")));
		JsonNode run = json(service.get("/api/runs/" + runId));
		assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(run.get("executions").asInt()).as("swept, resumed on request, resumed at start-up").isEqualTo(3);
		assertThat(skus(dir.resolve("output/nightly-x.csv"))).containsExactlyElementsOf(expectedSkus(200));
		assertThat(skus(dir.resolve("output/nightly-y.csv"))).hasSize(20);
		assertThat(simulator.stats().repaidCalls()).isZero();
		assertThat(output).contains("Resuming run " + runId + " of job 'nightly'")
			.contains("Job 'nightly': catch-up trigger after its interrupted runs")
			.doesNotContain("Trigger of job 'nightly' skipped");
	}

	/**
	 * Two service processes share a PostgreSQL state database: the one starting finds the run recorded, but another
	 * live process holds its lock (a fresh heartbeat from another host). It must leave the run alone, say so, and
	 * start.
	 */
	@Test
	@EnabledIfEnvironmentVariable(named = POSTGRES, matches = ".+")
	void onPostgresARunHeldByAnotherLiveProcessIsLeftToIt(CapturedOutput output) throws Exception {
		slowAnswers();
		String name = "held-" + System.nanoTime();
		TranslationJobFixture job = slowJob(name, 300);
		Map<String, Object> postgres = Map.of("spring.datasource.url", System.getenv(POSTGRES),
				"spring.datasource.username", "batch", "spring.datasource.password", "batch");
		service = startService(postgres);
		long runId = startRun(name);
		awaitCommittedRows(runId);
		String runKey = new JdbcTemplate(service.bean(DataSource.class))
			.queryForObject("SELECT RUN_KEY FROM GLMB_RUN_LOCK WHERE JOB_INSTANCE_ID = ?", String.class, runId);
		service.close();
		try (Connection connection = DriverManager.getConnection(System.getenv(POSTGRES), "batch", "batch")) {
			holdLock(connection, runKey);

			service = startService(postgres);
			await().atMost(Duration.ofSeconds(30)).until(() -> service.bean(RunLauncher.class).busyWith(name).isEmpty());

			assertThat(output).contains("Run " + runId + " of job '" + name + "' is left to the process working it");
			assertThat(recordedRuns()).as("still recorded for the process that works it").contains(runId);
			JsonNode run = json(service.get("/api/runs/" + runId));
			assertThat(run.get("status").asString()).isEqualTo("STOPPED");
			assertThat(run.get("executions").asInt()).isEqualTo(1);

			// the other process lets go: the run resumes on request and ends whole
			releaseLock(connection, runKey);
		}
		assertThat(service.post("/api/runs/" + runId + "/resume").statusCode()).isEqualTo(202);
		awaitStatus(runId, "COMPLETED");
		assertThat(skus(job.outputFile())).containsExactlyElementsOf(expectedSkus(300));
		assertThat(simulator.stats().repaidCalls()).isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> !recordedRuns().contains(runId));
	}

	private static void holdLock(Connection connection, String runKey) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO GLMB_RUN_LOCK (RUN_KEY, OWNER, HEARTBEAT_AT) VALUES (?, ?, ?)")) {
			insert.setString(1, runKey);
			insert.setString(2, "4242@another-host");
			insert.setTimestamp(3, Timestamp.from(Instant.now().plusSeconds(60)));
			insert.executeUpdate();
		}
	}

	private static void releaseLock(Connection connection, String runKey) throws SQLException {
		try (PreparedStatement delete = connection.prepareStatement("DELETE FROM GLMB_RUN_LOCK WHERE RUN_KEY = ?")) {
			delete.setString(1, runKey);
			delete.executeUpdate();
		}
	}

	private ServiceFixture startService(Map<String, Object> extra) {
		Map<String, Object> properties = new HashMap<>(extra);
		return ServiceFixture.start(dir, simulator.zaiBaseUrl(), properties);
	}

	private void slowAnswers() {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.normal().withLatency(Duration.ofMillis(30))));
	}

	private TranslationJobFixture slowJob(String name, int rows) {
		TranslationJobFixture job = aTranslationJob(dir).named(name)
			.withRows(rows)
			.withChunkSize(4)
			.withConcurrency(2)
			.withLanguages("fr");
		job.write();
		return job;
	}

	/** A job with an input pattern whose cron never fires during a test: only its catch-up trigger does. */
	private void writePatternJob(String name) throws IOException {
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
				chunk-size: 4
				concurrency: 2
				output:
				  path: ../output/{job}-{input}.csv
				schedule:
				  cron: "0 0 0 1 1 *"
				  missed: run-once
				""".formatted(name), StandardCharsets.UTF_8);
	}

	private void dropCsv(String name, int rows) throws IOException {
		StringBuilder csv = new StringBuilder("sku,name,description\n");
		for (int i = 1; i <= rows; i++) {
			csv.append('P').append(i).append(",Product ").append(name).append(' ').append(i).append(",Text\n");
		}
		Path partial = dir.resolve("input/incoming/" + name + ".part");
		Files.writeString(partial, csv, StandardCharsets.UTF_8);
		Files.move(partial, dir.resolve("input/incoming/" + name));
	}

	private long awaitFirstRun(String job) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> json(service.get("/api/runs?job=" + job)).size() > 0);
		return json(service.get("/api/runs?job=" + job)).get(0).get("runId").asLong();
	}

	private long startRun(String job) {
		HttpResponse<String> started = service.post("/api/jobs/" + job + "/runs");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		return json(started).get("runId").asLong();
	}

	private void awaitCommittedRows(long runId) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> json(service.get("/api/runs/" + runId)).get("totals").get("rows").asLong() > 0);
	}

	private void awaitStatus(long runId, String status) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> json(service.get("/api/runs/" + runId)).get("status").asString(), status::equals);
	}

	private List<Long> recordedRuns() {
		return service.bean(RequestedRuns.class).all().stream().map(RequestedRun::runId).toList();
	}

	private static List<String> expectedSkus(int rows) {
		List<String> skus = new ArrayList<>();
		for (int i = 1; i <= rows; i++) {
			skus.add("P" + i);
		}
		return skus;
	}

	private static List<String> skus(Path csv) throws IOException {
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			List<String> values = new ArrayList<>();
			for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
				.parse(reader)) {
				values.add(record.get("sku"));
			}
			return values;
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
