package dev.glmbatch.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.AbstractStateDatabaseTests;
import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.Test;

import static dev.glmbatch.testsupport.RunOutcomeAssert.assertThat;
import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs real jobs in a Spring context against the simulator, on H2 in file mode and, when
 * {@code GLMBATCH_TEST_POSTGRES_URL} is set, on PostgreSQL: completion, failure and
 * resume, stop and resume, changed input, and runs that already completed.
 */
class RunsIntegrationTests extends AbstractStateDatabaseTests {

	@Test
	void completesWithEveryRowOnceInOrderAndRejectsWhatCannotBeTranslated() throws IOException {
		TranslationJobFixture job = fixture("complete").withRows(30).withRawLine("P-ragged,only two");
		simulator.addRule(SimulatorRule.when(Match.containing("Product 7\n"), Response.error(400, "1301")));

		RunOutcome outcome = run(job);

		assertThat(outcome).isCompleted().hasRows(31).hasRejected(2);
		// every input row once, in input order; the rejected ones with empty results,
		// their status and reason
		List<Map<String, String>> output = CsvFiles.rows(job.outputFile());
		List<String> expected = new ArrayList<>();
		for (int i = 1; i <= 30; i++) {
			expected.add("P" + i);
		}
		expected.add("P-ragged");
		assertThat(output).extracting(row -> row.get("sku")).containsExactlyElementsOf(expected);
		assertThat(output).filteredOn(row -> row.get("status").equals("rejected"))
			.extracting(row -> row.get("sku"))
			.containsExactly("P7", "P-ragged");
		assertThat(output).filteredOn(row -> row.get("status").equals("done"))
			.hasSize(29)
			.allSatisfy(row -> assertThat(row.get("reject_reason")).isEmpty());
		assertThat(output.get(6)).containsEntry("name_fr", "").containsEntry("name_de", "");
		assertThat(output.get(6).get("reject_reason")).startsWith("name_fr: ").contains("1301");
		assertThat(output.get(0)).containsEntry("name_fr", "[French] Product 1")
			.containsEntry("name_de", "[German] Product 1");
		List<Map<String, String>> rejects = CsvFiles.rows(job.rejectFile());
		assertThat(rejects).extracting(row -> row.get("sku")).containsExactly("P7", "P-ragged");
		assertThat(rejects.get(0).get("reason")).startsWith("name_fr: ").contains("1301");
		assertThat(rejects.get(1).get("reason")).contains("line 32");
		assertThat(simulator.stats().thinkingEnabled()).isZero();
	}

	@Test
	void aJobLevelFaultStopsTheRunAndTheResumePaysForNothingTwice() throws IOException {
		TranslationJobFixture job = fixture("fatal").withRows(40).withChunkSize(5).withConcurrency(2);
		simulator
			.addRule(SimulatorRule.when(Match.containing("Product 23\n"), Response.error(429, "1113")).withTimes(1));

		RunOutcome failed = run(job);

		assertThat(failed).isFailed();
		assertThat(failed.failure()).contains("1113");
		assertThat(job.outputFile()).doesNotExist();
		long paidBeforeResume = simulator.stats().countOfStatus(200);

		RunOutcome resumed = resumeToTheEnd(job, failed, 40);

		assertThat(resumed.resumed()).isTrue();
		assertThat(simulator.stats().repaidCalls()).isZero();
		assertThat(simulator.stats().countOfStatus(200)).isEqualTo(80);
		assertThat(paidBeforeResume).isLessThan(80);
		assertThat(simulator.stats().countOfCode("1113")).isEqualTo(1);
	}

	@Test
	void aNulInTheInputRejectsItsRowAndANulInAnAnswerIsStoredAsAReplacementCharacter() throws IOException {
		TranslationJobFixture job = fixture("nul").withRows(4)
			.withLanguages("fr")
			.withRawLine("P-nul,Smart\u0000Hub,x");
		simulator.addRule(SimulatorRule.when(Match.containing("Product 2\n"), Response.content("Produit\u00002")));

		RunOutcome outcome = run(job);

		assertThat(outcome).isCompleted();
		assertThat(CsvFiles.rows(job.outputFile())).extracting(row -> row.get("name_fr"))
			.containsExactly("[French] Product 1", "Produit\uFFFD2", "[French] Product 3", "[French] Product 4", "");
		List<Map<String, String>> rejects = CsvFiles.rows(job.rejectFile());
		assertThat(rejects).extracting(row -> row.get("sku")).containsExactly("P-nul");
		assertThat(rejects.get(0).get("reason")).contains("line 6, column name holds a NUL character");
		assertThat(simulator.stats().requests()).isEqualTo(4);
	}

	@Test
	void aUsageQuotaStopsTheRunWithTheServersWordsAndItResumesAfterTheReset() throws IOException {
		TranslationJobFixture job = fixture("quota").withRows(40)
			.withChunkSize(5)
			.withConcurrency(2)
			.withLanguages("fr");
		simulator
			.addRule(SimulatorRule.when(Match.containing("Product 23\n"), Response.error(429, "1308")).withTimes(1));

		RunOutcome stopped = run(job);

		assertThat(stopped).isStopped();
		assertThat(stopped.failure()).contains("usage quota reached")
			.contains("1308")
			.contains("Resume the run once the quota has been reset");
		assertThat(stopped.totals().rows()).isLessThan(40);

		resumeToTheEnd(job, stopped, 40);
		assertThat(simulator.stats().repaidCalls()).isZero();
	}

	@Test
	void anAccountQuotaCodeStopsTheRunAfterTheCallsInFlightWithoutRetryingRowByRow() throws IOException {
		TranslationJobFixture job = fixture("quota-1314").withRows(40)
			.withChunkSize(5)
			.withConcurrency(4)
			.withLanguages("fr");
		simulator.addRule(SimulatorRule.when(Match.any(), Response.error("1314")));

		RunOutcome stopped = run(job);

		assertThat(stopped).isStopped();
		assertThat(stopped.interrupted()).isFalse();
		assertThat(stopped.failure()).contains("1314")
			.contains("[simulator] A usage quota or billing limit")
			.contains("Resume the run once the quota has been reset");
		assertThat(simulator.stats().requests()).as("calls sent").isLessThan(2 * 4);
		assertThat(stopped.totals().rows()).isZero();
		simulator.simulator().clearRules();

		RunOutcome resumed = resumeToTheEnd(job, stopped, 40);
		assertThat(resumed.totals().rejected()).isZero();
	}

	@Test
	void transientFaultsAreRetriedByTheClientOnly() throws IOException {
		TranslationJobFixture job = fixture("transient").withRows(6).withLanguages("fr");
		simulator
			.addRule(SimulatorRule.when(Match.containing("Product 2\n"), Response.error(429, "1302")).withTimes(2));

		RunOutcome outcome = run(job);

		assertThat(outcome).isCompleted();
		assertThat(simulator.stats().countOfCode("1302")).isEqualTo(2);
		assertThat(simulator.stats().requests()).isEqualTo(8);
	}

	@Test
	void aStoppedRunResumesFromItsCheckpoint() throws Exception {
		TranslationJobFixture job = fixture("stop").withRows(60)
			.withChunkSize(4)
			.withConcurrency(4)
			.withLanguages("fr");
		Runs runs = runs();
		CompletableFuture<RunOutcome> running = runSlowlyInTheBackground(job, Duration.ofMillis(100));
		// stop once the run has committed rows, however long a loaded machine takes to
		// start it
		awaitRunningRun(runs);
		application.bean(ActiveRuns.class).stopActive();
		RunOutcome stopped = running.get(30, TimeUnit.SECONDS);

		assertThat(stopped).isStopped();
		assertThat(stopped.interrupted()).as("stopped because the process stops").isTrue();
		assertThat(stopped.totals().rows()).isBetween(1L, 59L);
		simulator.simulator().clearRules();
		RunOutcome resumed = resumeToTheEnd(job, stopped, 60);
		assertThat(resumed.rowsThisExecution()).isEqualTo(60 - stopped.totals().rows());
		assertThat(simulator.stats().repaidCalls()).isZero();
	}

	@Test
	void stopRequestedByRunIdReachesTheProcessWorkingIt() throws Exception {
		TranslationJobFixture job = fixture("stop-id").withRows(400)
			.withChunkSize(4)
			.withConcurrency(2)
			.withLanguages("fr");
		Runs runs = runs();
		CompletableFuture<RunOutcome> running = runSlowlyInTheBackground(job, Duration.ofMillis(40));
		long runId = awaitRunningRun(runs);

		assertThat(runs.requestStop(runId)).isTrue();
		RunOutcome stopped = running.get(30, TimeUnit.SECONDS);

		assertThat(stopped).isStopped();
		assertThat(stopped.interrupted()).as("stopped on a request for the run").isFalse();
		assertThat(stopped.runId()).isEqualTo(runId);
		assertThat(stopped.totals().rows()).isLessThan(400);
		assertThat(runs.requestStop(runId)).as("no process works it any more").isFalse();
	}

	/**
	 * Starts the job on another thread, each of its calls answered after {@code latency},
	 * so that the test can stop the run while it works.
	 */
	private CompletableFuture<RunOutcome> runSlowlyInTheBackground(TranslationJobFixture job, Duration latency) {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.normal().withLatency(latency)));
		return CompletableFuture.supplyAsync(() -> run(job));
	}

	private static long awaitRunningRun(Runs runs) throws InterruptedException {
		for (int tries = 0; tries < 1200; tries++) {
			List<RunSummary> latest = runs.list(1);
			if (!latest.isEmpty() && latest.get(0).status() == RunStatus.STARTED && latest.get(0).totals().rows() > 0) {
				return latest.get(0).runId();
			}
			Thread.sleep(50);
		}
		throw new AssertionError("the run did not start");
	}

	@Test
	void refusesToResumeWhenTheInputChanged() throws IOException {
		TranslationJobFixture job = fixture("changed").withRows(10);
		simulator.addRule(SimulatorRule.when(Match.containing("Product 3\n"), Response.error(401, "1001")));
		assertThat(run(job).status()).isEqualTo(RunStatus.FAILED);
		Files.writeString(job.inputFile(), "sku,name,description\nX1,Other,Changed\n", StandardCharsets.UTF_8);

		assertThatThrownBy(() -> run(job)).isInstanceOf(RunRefusedException.class)
			.hasMessageContaining("has changed since it started")
			.hasMessageContaining("--new");

		simulator.simulator().clearRules();
		RunOutcome fresh = operator().start(job.definition(), new RunOptions(true)).await();
		assertThat(fresh).isCompleted();
		assertThat(CsvFiles.rows(job.outputFile())).extracting(row -> row.get("sku")).containsExactly("X1");
	}

	@Test
	void aRunOnAnotherInputMayNotReplaceTheOutputOfACompletedRun() throws IOException {
		TranslationJobFixture job = fixture("replace").withRows(3).withLanguages("fr");
		JobDefinition first = job.definition();
		assertThat(operator().start(first, RunOptions.RESUME_OR_START).await().status()).isEqualTo(RunStatus.COMPLETED);
		Path other = dir.resolve("input/other.csv");
		Files.copy(job.inputFile(), other);
		long requestsBefore = simulator.stats().requests();

		assertThatThrownBy(
				() -> operator().start(first.withInput(first.input().withPath(other)), RunOptions.RESUME_OR_START)
					.await())
			.isInstanceOf(RunRefusedException.class)
			.hasMessageContaining(job.outputFile() + " holds the results of run")
			.hasMessageContaining("--output FILE");
		assertThat(simulator.stats().requests()).isEqualTo(requestsBefore);
		assertThat(CsvFiles.rows(job.outputFile())).hasSize(3);

		JobDefinition elsewhere = first.withInput(first.input().withPath(other))
			.withOutput(first.output().withPath(dir.resolve("output/other-out.csv")));
		assertThat(operator().start(elsewhere, RunOptions.RESUME_OR_START).await().status())
			.isEqualTo(RunStatus.COMPLETED);
	}

	@Test
	void restartingAnUnknownRunNamesTheStateDatabaseItLookedIn() {
		Runs runs = runs();

		assertThatThrownBy(() -> operator().restart(987_654L, RunOptions.RESUME_OR_START).await())
			.isInstanceOf(RunRefusedException.class)
			.hasMessageContaining("There is no run 987654 in the state database " + runs.stateDatabase().describe())
			.hasMessageContaining("another state database");
	}

	@Test
	void aCompletedRunIsNotRepeatedUnlessAskedTo() throws IOException {
		TranslationJobFixture job = fixture("again").withRows(5).withLanguages("fr");
		RunOutcome first = run(job);
		long calls = simulator.stats().requests();

		RunOutcome second = run(job);

		assertThat(second).isAlreadyCompleted();
		assertThat(second.runId()).isEqualTo(first.runId());
		assertThat(simulator.stats().requests()).isEqualTo(calls);
		RunOutcome third = operator().start(job.definition(), new RunOptions(true)).await();
		assertThat(third).isCompleted();
		assertThat(third.runId()).isNotEqualTo(first.runId());
		assertThat(runs().list(10)).extracting(RunSummary::runId).contains(first.runId(), third.runId());
		assertThat(runs().status(first.runId()))
			.hasValueSatisfying(run -> assertThat(run.status()).isEqualTo(RunStatus.COMPLETED));
	}

	@Test
	void thinkingSettingOfTheJobIsSentExplicitly() throws IOException {
		TranslationJobFixture job = fixture("thinking").withRows(3).withLanguages("fr").withThinking("enabled");

		RunOutcome outcome = run(job);

		assertThat(outcome.totals().thinkingCalls()).isEqualTo(3);
		assertThat(simulator.stats().thinkingEnabled()).isEqualTo(3);
		assertThat(simulator.stats().thinkingDisabled()).isZero();
	}

	private TranslationJobFixture fixture(String name) {
		// unique names keep runs apart in a PostgreSQL database shared by the whole suite
		return aTranslationJob(dir).named(name + "-" + database + "-" + System.nanoTime());
	}

	/**
	 * Runs the job again after {@code ended} did not complete, and checks that this
	 * resumed the same run to its end with each of the job's {@code rows} rows once.
	 */
	private RunOutcome resumeToTheEnd(TranslationJobFixture job, RunOutcome ended, int rows) throws IOException {
		RunOutcome resumed = run(job);
		assertThat(resumed).isCompleted();
		assertThat(resumed.runId()).isEqualTo(ended.runId());
		assertThat(CsvFiles.rows(job.outputFile())).extracting(row -> row.get("sku"))
			.hasSize(rows)
			.doesNotHaveDuplicates();
		return resumed;
	}

	/** Runs the job to its end, resuming its last run if that did not complete. */
	private RunOutcome run(TranslationJobFixture job) {
		return operator().start(job.definition(), RunOptions.RESUME_OR_START).await();
	}

}
