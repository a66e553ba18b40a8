package dev.glmbatch.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.AbstractApplicationTests;
import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.glmbatch.testsupport.RunOutcomeAssert.assertThat;
import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a run keeps in the state database besides its rows, read back as another process
 * would: the endpoint and limits it ran with, why it failed or stopped and how to resume
 * it, when it first started, and the checksum of the output it wrote; and the refusal to
 * pay again for an output file this state database did not write.
 */
class RunRecordIntegrationTests extends AbstractApplicationTests {

	@Test
	void theEndpointAndLimitsAreKeptWithTheRunAndARestartOverridesThemFieldByField() throws IOException {
		TranslationJobFixture job = fixture("settings").withRows(40).withChunkSize(5).withConcurrency(2);
		simulator
			.addRule(SimulatorRule.when(Match.containing("Product 23\n"), Response.error(429, "1113")).withTimes(1));
		RunSettings given = new RunSettings("http://127.0.0.1:8000/v1", "openai-compatible", 7, 2, false);

		RunOutcome failed = operator().start(job.definition(), RunOptions.RESUME_OR_START.withSettings(given)).await();

		assertThat(failed).isFailed();
		assertThat(runs().settings(failed.runId())).contains(given);
		RunOutcome resumed = operator()
			.restart(failed.runId(),
					RunOptions.RESUME_OR_START.withSettings(new RunSettings(null, null, 9, null, false)))
			.await();
		assertThat(resumed).isCompleted();
		assertThat(runs().settings(failed.runId()))
			.contains(new RunSettings("http://127.0.0.1:8000/v1", "openai-compatible", 9, 2, false));
		assertThat(runs().settings(123_456_789L)).isEmpty();
	}

	@Test
	void aSimulatedRunStaysSimulatedUntilABaseUrlIsGiven() {
		RunSettings simulated = new RunSettings(null, "zai", null, null, true);

		assertThat(simulated.overriddenBy(RunSettings.NONE)).isEqualTo(simulated);
		assertThat(simulated.overriddenBy(new RunSettings("https://api.z.ai/api/paas/v4", null, null, null, false)))
			.isEqualTo(new RunSettings("https://api.z.ai/api/paas/v4", "zai", null, null, false));
		assertThat(new RunSettings("http://h:1/v1", null, 3, null, false)
			.overriddenBy(new RunSettings(null, null, null, null, true)))
			.isEqualTo(new RunSettings(null, null, 3, null, true));
	}

	@Test
	void aFailedRunKeepsItsReasonAndResumeCommandAndItsFirstStartForEveryReader() throws Exception {
		TranslationJobFixture job = fixture("reason").withRows(40).withChunkSize(5).withConcurrency(2);
		simulator
			.addRule(SimulatorRule.when(Match.containing("Product 23\n"), Response.error(429, "1113")).withTimes(1));
		RunOptions options = RunOptions.RESUME_OR_START.withResumeCommand(runId -> "resume-me " + runId);

		RunOutcome failed = operator().start(job.definition(), options).await();

		long runId = failed.runId();
		// a new context reads the run back from the database, as status or list in
		// another process does
		application.stop();
		RunSummary summary = runs().status(runId).orElseThrow();
		assertThat(summary.status()).isEqualTo(RunStatus.FAILED);
		assertThat(summary.exitDescription()).contains("1113").doesNotContain("Exception");
		assertThat(summary.resumeCommand()).isEqualTo("resume-me " + runId);
		Thread.sleep(20);
		RunOutcome resumed = operator().start(job.definition(), options).await();
		assertThat(resumed).isCompleted();
		RunSummary after = runs().status(runId).orElseThrow();
		assertThat(after.exitDescription()).isNull();
		assertThat(after.resumeCommand()).isNull();
		assertThat(after.firstStartedAt()).isEqualTo(summary.startedAt()).isBefore(after.startedAt());
	}

	@Test
	void aRunStoppedBecauseItsProcessStopsSaysSoInAPlainSentence() throws Exception {
		TranslationJobFixture job = fixture("stopped").withRows(200).withChunkSize(4).withConcurrency(2);
		simulator.addRule(SimulatorRule.when(Match.any(), Response.normal().withLatency(Duration.ofMillis(40))));
		Runs runs = runs();
		CompletableFuture<RunOutcome> running = CompletableFuture
			.supplyAsync(() -> operator().start(job.definition(), RunOptions.RESUME_OR_START).await());
		while (runs.list(1).isEmpty() || runs.list(1).get(0).totals().rows() == 0) {
			Thread.sleep(50);
		}
		application.bean(ActiveRuns.class).stopActive();
		RunOutcome stopped = running.get(30, TimeUnit.SECONDS);

		assertThat(stopped).isStopped();
		assertThat(stopped.failure()).isEqualTo("stopped at a chunk boundary because the process was asked to stop"
				+ " (Ctrl-C, SIGTERM or a service shutdown)");
		assertThat(runs.status(stopped.runId()).orElseThrow().exitDescription()).isEqualTo(stopped.failure());
	}

	@Test
	void anOutputFileNoRunOfThisStateDatabaseWroteIsNotPaidForAgainUnlessNew() throws IOException {
		TranslationJobFixture job = fixture("foreign").withRows(5).withLanguages("fr");
		job.write();
		Files.createDirectories(job.outputFile().getParent());
		Files.writeString(job.outputFile(), "sku,name_fr\nP1,written elsewhere\n", StandardCharsets.UTF_8);

		assertThatThrownBy(() -> operator().start(job.definition(), RunOptions.RESUME_OR_START).await())
			.isInstanceOf(RunRefusedException.class)
			.hasMessageContaining(job.outputFile() + " already exists, and no run in the state database")
			.hasMessageContaining("add --new");
		assertThat(simulator.stats().requests()).isZero();
		assertThat(runs().list(10)).isEmpty();
		assertThat(Files.readString(job.outputFile())).contains("written elsewhere");

		RunOutcome forced = operator().start(job.definition(), new RunOptions(true)).await();
		assertThat(forced).isCompleted();
		assertThat(CsvFiles.rows(job.outputFile())).hasSize(5);
		// written by this state database now: an edited input runs without --new
		Files.writeString(job.inputFile(), Files.readString(job.inputFile()) + "P-extra,Extra lamp,x\n");
		assertThat(operator().start(job.definition(), RunOptions.RESUME_OR_START).await().status())
			.isEqualTo(RunStatus.COMPLETED);
	}

	@Test
	void theReportNamesItsFilesAndTimesAndAReplacedOutputIsToldApart() throws IOException {
		TranslationJobFixture job = fixture("report").withRows(4).withLanguages("fr");

		RunOutcome outcome = operator().start(job.definition(), RunOptions.RESUME_OR_START).await();

		JsonNode report = JsonMapper.builder().build().readTree(outcome.reportFile().toFile());
		assertThat(report.get("input").get("path").asString()).isEqualTo(job.inputFile().toString());
		assertThat(report.get("input").get("sha256").asString()).hasSize(64);
		assertThat(report.get("input").get("rows").asLong()).isEqualTo(4);
		assertThat(report.get("output").get("path").asString()).isEqualTo(job.outputFile().toString());
		assertThat(report.get("output").get("sha256").asString()).hasSize(64);
		assertThat(report.get("rejects").asString()).isEqualTo(job.rejectFile().toString());
		assertThat(report.get("jobFile").asString()).isEqualTo(job.jobFile().toString());
		assertThat(report.get("times").get("runStartedAt").asString())
			.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*");
		assertThat(report.get("times").get("executionEndedAt").asString()).isNotEmpty();
		assertThat(runs().outputState(outcome.runId())).contains(Runs.OutputState.AS_WRITTEN);

		Files.writeString(job.outputFile(), "sku,name_fr\nP1,another run's answer\n", StandardCharsets.UTF_8);
		assertThat(runs().outputState(outcome.runId())).contains(Runs.OutputState.REPLACED);
		Files.delete(job.outputFile());
		assertThat(runs().outputState(outcome.runId())).contains(Runs.OutputState.MISSING);
	}

	private TranslationJobFixture fixture(String name) {
		return aTranslationJob(dir).named(name + "-" + System.nanoTime());
	}

}
