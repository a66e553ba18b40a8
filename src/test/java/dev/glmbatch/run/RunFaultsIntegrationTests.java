package dev.glmbatch.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.BatchApplication;
import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static dev.glmbatch.testsupport.RunOutcomeAssert.assertThat;
import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a run answers faults that every row would hit, against the simulator: the breaker
 * that turns the same refusal or the same failed check on the first rows into a
 * configuration failure, without rejecting those rows; content refusals, which never trip
 * it; and a stop that comes while calls are retrying.
 */
class RunFaultsIntegrationTests {

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	@RegisterExtension
	final BatchApplication application = new BatchApplication(simulator).withProperty("glmbatch.persistent-failure",
			"3s");

	@TempDir
	Path dir;

	@Test
	void aRefusalOfEveryRequestStopsTheRunWithinTheFirstRowsAndTheResumeAfterTheFixRejectsNone() throws IOException {
		TranslationJobFixture job = aTranslationJob(dir).named("refused")
			.withRows(60)
			.withChunkSize(4)
			.withConcurrency(3)
			.withLanguages("fr");
		simulator.addRule(SimulatorRule.when(Match.any(), Response.error(400, "1210")));

		RunOutcome failed = operator().start(job.definition(), RunOptions.RESUME_OR_START).await();

		assertThat(failed).isFailed();
		assertThat(failed.failure()).contains("GLM refused the first 10 rows the same way")
			.contains("1210")
			.contains("[simulator] Error 1210")
			.contains("A setting the job sends with every request is refused")
			.contains("Fix the job, then run the same command to resume");
		assertThat(simulator.stats().requests()).as("calls paid for the verdict").isEqualTo(10);
		assertThat(failed.totals().rows()).as("rows committed").isZero();
		assertThat(job.rejectFile()).doesNotExist();
		simulator.simulator().clearRules();

		RunOutcome resumed = operator().start(job.definition(), RunOptions.RESUME_OR_START).await();

		assertThat(resumed).isCompleted();
		assertThat(resumed.runId()).isEqualTo(failed.runId());
		assertThat(resumed.totals().rejected()).isZero();
		assertThat(CsvFiles.rows(job.outputFile())).extracting(row -> row.get("sku"))
			.hasSize(60)
			.doesNotHaveDuplicates();
		assertThat(CsvFiles.rows(job.rejectFile())).isEmpty();
	}

	@Test
	void answersThatFailTheSameCheckOnTheFirstRowsStopTheRunAsAConfigurationProblem() throws IOException {
		Path jobFile = generateJob("^X[0-9]{11}$");

		RunOutcome failed = operator().start(JobDefinitionLoader.load(jobFile), RunOptions.RESUME_OR_START).await();

		assertThat(failed).isFailed();
		assertThat(failed.failure()).contains("The answers to the first 10 rows all failed their check the same way")
			.contains("schema: the JSON does not match the schema")
			.contains("Fix the job");
		long paid = simulator.stats().requests();
		assertThat(paid).as("at most three calls for each of the first rows, none for the others")
			.isLessThanOrEqualTo(3 * 10);
		assertThat(failed.totals().rows()).isZero();

		// the fix: a schema the model can meet
		generateJob("^[A-Za-z].*$");
		RunOutcome resumed = operator().start(JobDefinitionLoader.load(jobFile), RunOptions.RESUME_OR_START).await();

		assertThat(resumed).isCompleted();
		assertThat(resumed.runId()).isEqualTo(failed.runId());
		assertThat(resumed.totals().rejected()).isZero();
		assertThat(CsvFiles.rows(dir.resolve("output/teasers.csv"))).hasSize(40);
	}

	@Test
	void contentRefusalsNeverTripTheBreakerHoweverManyRowsTheyHit() throws IOException {
		TranslationJobFixture job = aTranslationJob(dir).named("unsafe").withRows(15).withLanguages("fr");
		simulator.addRule(SimulatorRule.when(Match.any(), Response.error(400, "1301")));

		RunOutcome outcome = operator().start(job.definition(), RunOptions.RESUME_OR_START).await();

		assertThat(outcome).isCompleted().hasRejected(15);
		assertThat(CsvFiles.rows(job.rejectFile())).hasSize(15)
			.allSatisfy(row -> assertThat(row.get("reason")).contains("1301"));
	}

	@Test
	void rowsThatFailDifferentlyAreRejectedAndTheRunGoesOn() throws IOException {
		TranslationJobFixture job = aTranslationJob(dir).named("mixed").withRows(30).withLanguages("fr");
		simulator.addRule(SimulatorRule.when(Match.containing("Product 1"), Response.error(400, "1210")));

		RunOutcome outcome = operator().start(job.definition(), RunOptions.RESUME_OR_START).await();

		assertThat(outcome).isCompleted();
		// rows 1 and 10-19 are refused, but row 2 was translated: not a problem of the
		// job
		assertThat(outcome.totals().rejected()).isEqualTo(11);
	}

	@Test
	void aStopWhileCallsAreRetryingEndsStoppedAndTheRunResumes() throws Exception {
		TranslationJobFixture job = aTranslationJob(dir).named("retrying")
			.withRows(40)
			.withChunkSize(4)
			.withConcurrency(2)
			.withLanguages("fr");
		simulator.addRule(SimulatorRule.when(Match.containing("Product 5\n"), Response.error(500, "500")));
		Runs runs = runs();

		CompletableFuture<RunOutcome> running = CompletableFuture
			.supplyAsync(() -> operator().start(job.definition(), RunOptions.RESUME_OR_START).await());
		awaitFailedAttempts(3);
		application.bean(ActiveRuns.class).stopActive();
		RunOutcome stopped = running.get(30, TimeUnit.SECONDS);

		assertThat(stopped).isStopped();
		assertThat(stopped.interrupted()).as("stopped because the process stops").isTrue();
		assertThat(stopped.totals().rows()).isLessThan(40);
		simulator.simulator().clearRules();

		RunOutcome resumed = operator().start(job.definition(), RunOptions.RESUME_OR_START).await();

		assertThat(resumed).isCompleted().hasNoRejects();
		assertThat(CsvFiles.rows(job.outputFile())).extracting(row -> row.get("sku"))
			.hasSize(40)
			.doesNotHaveDuplicates();
		assertThat(simulator.stats().repaidCalls()).isZero();
	}

	@Test
	void anEndpointThatAnswersNothingStopsTheRunOnceTheFaultsPersistAndTheRunResumes() throws IOException {
		TranslationJobFixture job = aTranslationJob(dir).named("down")
			.withRows(12)
			.withConcurrency(2)
			.withLanguages("fr");
		simulator.addRule(SimulatorRule.when(Match.any(), Response.error(503, "500")));

		RunOutcome stopped = operator().start(job.definition(), RunOptions.RESUME_OR_START).await();

		assertThat(stopped).isStopped();
		assertThat(stopped.interrupted()).isFalse();
		assertThat(stopped.failure()).contains("GLM calls keep failing: GLM has answered no call for")
			.contains("the endpoint is not answering")
			.contains("HTTP 503")
			.contains("run the same command to resume once GLM answers again");
		assertThat(stopped.totals().rows()).isZero();
		simulator.simulator().clearRules();

		RunOutcome resumed = operator().start(job.definition(), RunOptions.RESUME_OR_START).await();

		assertThat(resumed).isCompleted();
		assertThat(resumed.runId()).isEqualTo(stopped.runId());
		assertThat(CsvFiles.rows(job.outputFile())).hasSize(12);
	}

	private static void awaitFailedAttempts(int attempts) throws InterruptedException {
		for (int tries = 0; tries < 1500 && simulator.stats().countOfStatus(500) < attempts; tries++) {
			Thread.sleep(20);
		}
		assertThat(simulator.stats().countOfStatus(500)).as("attempts failed before the stop")
			.isGreaterThanOrEqualTo(attempts);
	}

	private Path generateJob(String codePattern) throws IOException {
		StringBuilder csv = new StringBuilder("sku,name\n");
		for (int i = 1; i <= 40; i++) {
			csv.append("P").append(i).append(",Desk lamp ").append(i).append('\n');
		}
		Files.createDirectories(dir.resolve("input"));
		Files.createDirectories(dir.resolve("jobs"));
		Files.writeString(dir.resolve("input/teasers.csv"), csv, StandardCharsets.UTF_8);
		return Files.writeString(dir.resolve("jobs/teasers.yaml"), """
				name: teasers
				input:
				  path: ../input/teasers.csv
				task:
				  type: generate
				  prompt: "Write a product teaser for {{name}}"
				  schema: '{"type": "object", "properties": {"teaser": {"type": "string", "pattern": "%s"}},
				    "required": ["teaser"]}'
				model: glm-4.5-air
				thinking: disabled
				chunk-size: 5
				concurrency: 4
				output:
				  path: ../output/{job}.csv
				  rejects: ../output/{job}-rejects.csv
				""".formatted(codePattern), StandardCharsets.UTF_8);
	}

	private Runs runs() {
		return application.runs(dir);
	}

	private RunOperator operator() {
		return application.operator(dir);
	}

}
