package dev.glmbatch.run.schedule;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.AbstractServiceTests;
import dev.glmbatch.testsupport.SweepJobFixture;
import dev.glmbatch.testsupport.TestDatabases;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static dev.glmbatch.testsupport.ServiceFixture.json;
import static dev.glmbatch.testsupport.SweepJobFixture.aSweepJob;
import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the service resumes when it starts again: a run started through the API and
 * interrupted by a shutdown goes on from its last chunk without paying twice, before its
 * job's catch-up trigger; a run stopped on request, a failed run and a run whose input
 * changed are not resumed; a run held by another live process (PostgreSQL) is left to it
 * without stopping the start-up.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResumeAtStartUpIntegrationTests extends AbstractServiceTests {

	@Test
	void aRunStartedThroughTheApiAndInterruptedByAShutdownResumesAtTheNextStart(CapturedOutput output)
			throws IOException {
		slowAnswers();
		TranslationJobFixture job = slowJob("on-request", 300);
		service.serve(dir);
		long runId = service.startRun("on-request");
		awaitCommittedRows(runId);
		assertThat(recordedRuns()).containsExactly(runId);

		service.close();
		long paidAtShutdown = simulator.stats().requests();
		service.serve(dir);

		service.awaitStatus(runId, "COMPLETED");
		JsonNode run = service.run(runId);
		assertThat(run.get("executions").asInt()).as("stopped by the shutdown, resumed at start").isEqualTo(2);
		assertThat(run.get("totals").get("rows").asLong()).isEqualTo(300);
		assertThat(paidAtShutdown).isLessThan(300);
		assertThat(skus(job.outputFile())).containsExactlyElementsOf(CsvFiles.numbered("P", 300));
		assertThat(simulator.stats().repaidCalls()).isZero();
		assertThat(simulator.stats().requests()).isEqualTo(300);
		assertThat(output).contains("Resuming run " + runId + " of job 'on-request'");
		await().atMost(Duration.ofSeconds(10)).until(() -> recordedRuns().isEmpty());
	}

	@Test
	void aRunStoppedOnRequestIsNotResumedAtTheNextStart(CapturedOutput output)
			throws IOException, InterruptedException {
		slowAnswers();
		slowJob("stopped", 300);
		service.serve(dir);
		long runId = service.startRun("stopped");
		awaitCommittedRows(runId);

		HttpResponse<String> stop = service.post("/api/runs/" + runId + "/stop");

		assertThat(stop.statusCode()).as(stop.body()).isEqualTo(202);
		service.awaitStatus(runId, "STOPPED");
		assertThat(recordedRuns()).isEmpty();
		service.close();
		long paidBeforeRestart = simulator.stats().requests();
		service.serve(dir);
		assertNotResumedAtStartUp("stopped", runId, "STOPPED", Duration.ofMillis(1500));
		assertThat(simulator.stats().requests()).isEqualTo(paidBeforeRestart);
		assertThat(output).doesNotContain("Resuming run " + runId);

		// it still resumes on request, from where it stopped
		assertThat(service.post("/api/runs/" + runId + "/resume").statusCode()).isEqualTo(202);
		service.awaitStatus(runId, "COMPLETED");
		assertThat(simulator.stats().repaidCalls()).isZero();
	}

	@Test
	void aFailedRunIsNotResumedAtTheNextStart() throws InterruptedException {
		simulator
			.addRule(SimulatorRule.when(Match.containing("Product 23\n"), Response.error(429, "1113")).withTimes(1));
		aTranslationJob(dir).named("failing")
			.withRows(40)
			.withChunkSize(5)
			.withConcurrency(2)
			.withLanguages("fr")
			.write();
		service.serve(dir);
		long runId = service.startRun("failing");
		service.awaitStatus(runId, "FAILED");
		await().atMost(Duration.ofSeconds(10)).until(() -> recordedRuns().isEmpty());

		service.close();
		service.serve(dir);

		assertNotResumedAtStartUp("failing", runId, "FAILED", Duration.ofMillis(1000));
	}

	@Test
	void aRunWhoseInputChangedIsForgottenWithAWarningAndTheServiceStarts(CapturedOutput output) throws IOException {
		slowAnswers();
		TranslationJobFixture job = slowJob("changed", 300);
		service.serve(dir);
		long runId = service.startRun("changed");
		awaitCommittedRows(runId);
		service.close();
		Files.writeString(job.inputFile(), "sku,name,description\nX1,Other,Text\n", StandardCharsets.UTF_8);

		service.serve(dir);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> service.bean(RunLauncher.class).busyWith("changed").isEmpty());
		assertThat(recordedRuns()).isEmpty();
		assertThat(service.run(runId).get("status").asString()).isEqualTo("STOPPED");
		assertThat(output).contains("Run " + runId + " of job 'changed' cannot resume at start-up")
			.contains("has changed since it started");
		assertThat(service.get("/actuator/health").statusCode()).isEqualTo(200);
	}

	@Test
	void aJobsCatchUpTriggerWaitsForItsResumedRunThenSweepsTheNewFiles(CapturedOutput output) throws Exception {
		slowAnswers();
		// its cron never fires during the test: only its catch-up trigger does
		SweepJobFixture job = aSweepJob(dir).named("nightly").withCron("0 0 0 1 1 *").withMissed("run-once");
		job.write();
		// long enough that the resumed run is still going when the service stops,
		// whatever ran ahead of the stop
		job.drop("x.csv", "P", 600);
		service.serve(dir);
		long runId = awaitFirstRun("nightly");
		awaitCommittedRows(runId);
		assertThat(service.post("/api/runs/" + runId + "/stop").statusCode()).isEqualTo(202);
		service.awaitStatus(runId, "STOPPED");
		HttpResponse<String> resumed = service.resume(runId);
		assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
		service.awaitStatus(runId, "STARTED");
		service.close();
		job.drop("y.csv", "P", 20);

		service.serve(dir);

		await().atMost(Duration.ofSeconds(60))
			.until(() -> Files.exists(job.processed().resolve("x.csv"))
					&& Files.exists(job.processed().resolve("y.csv")));
		JsonNode run = service.run(runId);
		assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(run.get("executions").asInt()).as("swept, resumed on request, resumed at start-up").isEqualTo(3);
		assertThat(skus(job.outputFor("x.csv"))).containsExactlyElementsOf(CsvFiles.numbered("P", 600));
		assertThat(skus(job.outputFor("y.csv"))).hasSize(20);
		assertThat(simulator.stats().repaidCalls()).isZero();
		assertThat(output).contains("Resuming run " + runId + " of job 'nightly'")
			.contains("Job 'nightly': catch-up trigger after its interrupted runs")
			.doesNotContain("Trigger of job 'nightly' skipped");
	}

	/**
	 * Two service processes share a PostgreSQL state database: the one starting finds the
	 * run recorded, but another live process holds its lock (a fresh heartbeat from
	 * another host). It must leave the run alone, say so, and start.
	 */
	@Test
	@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
	void onPostgresARunHeldByAnotherLiveProcessIsLeftToIt(CapturedOutput output) throws Exception {
		slowAnswers();
		String name = "held-" + System.nanoTime();
		TranslationJobFixture job = slowJob(name, 300);
		Map<String, Object> postgres = TestDatabases.properties(TestDatabases.POSTGRESQL, dir);
		service.serve(dir, postgres);
		long runId = service.startRun(name);
		awaitCommittedRows(runId);
		String runKey = new JdbcTemplate(service.bean(DataSource.class))
			.queryForObject("SELECT RUN_KEY FROM GLMB_RUN_LOCK WHERE JOB_INSTANCE_ID = ?", String.class, runId);
		service.close();
		try (Connection connection = TestDatabases.postgresConnection()) {
			holdLock(connection, runKey);

			service.serve(dir, postgres);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> service.bean(RunLauncher.class).busyWith(name).isEmpty());

			assertThat(output).contains("Run " + runId + " of job '" + name + "' is left to the process working it");
			assertThat(recordedRuns()).as("still recorded for the process that works it").contains(runId);
			JsonNode run = service.run(runId);
			assertThat(run.get("status").asString()).isEqualTo("STOPPED");
			assertThat(run.get("executions").asInt()).isEqualTo(1);

			// the other process lets go: the run resumes on request and ends whole
			releaseLock(connection, runKey);
		}
		assertThat(service.post("/api/runs/" + runId + "/resume").statusCode()).isEqualTo(202);
		service.awaitStatus(runId, "COMPLETED");
		assertThat(skus(job.outputFile())).containsExactlyElementsOf(CsvFiles.numbered("P", 300));
		assertThat(simulator.stats().repaidCalls()).isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> !recordedRuns().contains(runId));
	}

	private static void holdLock(Connection connection, String runKey) throws SQLException {
		try (PreparedStatement insert = connection
			.prepareStatement("INSERT INTO GLMB_RUN_LOCK (RUN_KEY, OWNER, HEARTBEAT_AT) VALUES (?, ?, ?)")) {
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

	private long awaitFirstRun(String job) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> json(service.get("/api/runs?job=" + job)).size() > 0);
		return json(service.get("/api/runs?job=" + job)).get(0).get("runId").asLong();
	}

	private void awaitCommittedRows(long runId) {
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> service.run(runId).get("totals").get("rows").asLong() > 0);
	}

	private List<Long> recordedRuns() {
		return service.bean(RequestedRuns.class).all().stream().map(RequestedRun::runId).toList();
	}

	private static List<String> skus(Path csv) throws IOException {
		return CsvFiles.column(csv, "sku");
	}

	/**
	 * The restarted service launched nothing for {@code job}, and a while later the run
	 * still has its end {@code status} and its one execution.
	 */
	private void assertNotResumedAtStartUp(String job, long runId, String status, Duration wait)
			throws InterruptedException {
		assertThat(service.bean(RunLauncher.class).busyWith(job)).as("nothing resumed at start-up").isEmpty();
		Thread.sleep(wait.toMillis());
		JsonNode run = service.run(runId);
		assertThat(run.get("status").asString()).isEqualTo(status);
		assertThat(run.get("executions").asInt()).isEqualTo(1);
	}

}
