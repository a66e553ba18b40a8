package dev.glmbatch.run;

import java.nio.file.Files;
import java.time.Duration;

import dev.glmbatch.jobdef.CallMode;
import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.simulator.BatchRule;
import dev.glmbatch.simulator.BatchStats;
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

/**
 * Jobs of mode {@code batch} and {@code auto} in a Spring context against the simulator's
 * Batch API, on H2 and PostgreSQL: first calls go through batches at the batch rate and
 * the process step finds their answers in the ledger; lines a batch did not answer go one
 * by one; an endpoint without batches falls back or stops the run; an {@code auto} job
 * goes one by one when its deadline nears.
 */
class BatchModeIntegrationTests extends AbstractStateDatabaseTests {

	@Test
	void aBatchRunAnswersEveryFirstCallThroughOneBatchAndPaysNoneOfThemOneByOne() throws Exception {
		TranslationJobFixture job = fixture("batch").withRows(600).withLanguages("fr", "de").withChunkSize(50);

		RunOutcome outcome = start(job, CallMode.BATCH);

		assertThat(outcome).isCompleted().hasRows(600).hasRejected(0);
		assertThat(CsvFiles.column(job.outputFile(), "sku")).containsExactlyElementsOf(CsvFiles.numbered("P", 600));
		assertThat(CsvFiles.column(job.outputFile(), "name_de").get(599)).isEqualTo("[German] Product 600");
		BatchStats batches = simulator.simulator().batchStats();
		assertThat(batches.batchesCreated()).isEqualTo(1);
		assertThat(batches.linesSubmitted()).isEqualTo(1200);
		assertThat(batches.filesStored()).as("result files deleted").isZero();
		assertThat(simulator.stats().requests()).as("first calls sent one by one").isZero();
		assertThat(simulator.stats().repaidCalls()).isZero();
		assertThat(outcome.batches().answered()).isEqualTo(1200);
		assertThat(outcome.batches().costUsd()).isPositive();
		assertThat(outcome.totals().costUsd()).isZero();
		assertThat(outcome.totals().reusedCalls()).isEqualTo(1200);
	}

	@Test
	void linesABatchFailedOrLetExpireGoOneByOne() throws Exception {
		TranslationJobFixture job = fixture("failed").withRows(200).withLanguages("fr");
		simulator.addRule(SimulatorRule.when(Match.containing("Product 7\n"), Response.error(500, "500")).withTimes(1));
		simulator.simulator().addBatchRule(BatchRule.next(1, BatchRule.Outcome.EXPIRE));

		RunOutcome outcome = start(job, CallMode.BATCH);

		assertThat(outcome).isCompleted().hasRows(200).hasRejected(0);
		assertThat(CsvFiles.column(job.outputFile(), "name_fr").get(6)).isEqualTo("[French] Product 7");
		// half the batch expired unanswered, and one line of the other half failed
		assertThat(outcome.batches().answered()).isEqualTo(99);
		assertThat(outcome.batches().failed()).isEqualTo(1);
		assertThat(simulator.stats().requests()).isEqualTo(101);
		assertThat(simulator.stats().repaidCalls()).isZero();
	}

	@Test
	void anEndpointWithoutBatchesFallsBackInAutoAndStopsABatchRun() throws Exception {
		simulator.simulator().addBatchRule(BatchRule.always(BatchRule.Outcome.UNAVAILABLE));
		TranslationJobFixture strict = fixture("strict").withRows(20).withLanguages("fr");
		TranslationJobFixture auto = fixture("auto").withRows(20).withLanguages("fr");

		RunOutcome failed = start(strict, CallMode.BATCH);
		long sentByTheBatchRun = simulator.stats().requests();
		RunOutcome fellBack = start(auto, CallMode.auto(Duration.ofHours(6)));

		assertThat(failed).isFailed();
		assertThat(failed.failure()).contains("offers no Batch API").contains("mode: auto").doesNotContain("\n");
		assertThat(sentByTheBatchRun).isZero();
		assertThat(fellBack).isCompleted().hasRows(20);
		assertThat(simulator.stats().requests()).isEqualTo(20);
	}

	@Test
	void anAutoRunGoesOneByOneWhenItsDeadlineNears() throws Exception {
		TranslationJobFixture job = fixture("deadline").withRows(120).withLanguages("fr");
		simulator.simulator().addBatchRule(BatchRule.slow(Duration.ofSeconds(30)));
		long start = System.nanoTime();

		RunOutcome outcome = start(job, CallMode.auto(Duration.ofSeconds(4)));

		assertThat(outcome).isCompleted().hasRows(120).hasRejected(0);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(25));
		assertThat(simulator.simulator().batchStats().batchesCreated()).isEqualTo(1);
		assertThat(outcome.batches().answered()).isLessThan(120);
		assertThat(simulator.stats().requests()).isEqualTo(120 - outcome.batches().answered());
		assertThat(simulator.stats().repaidCalls()).isZero();
	}

	@Test
	void aStopIsHonouredDuringAWaitForTheBatchNotAfterIt() throws Exception {
		TranslationJobFixture job = fixture("waiting").withRows(50).withLanguages("fr");
		simulator.simulator().addBatchRule(BatchRule.slow(Duration.ofMinutes(5)));
		JobDefinition definition = JobDefinitionLoader.load(job.write()).withMode(CallMode.BATCH);
		StartedRun started = application.operator(dir, database).start(definition, RunOptions.RESUME_OR_START);
		// by then a wait between two polls of about 7 s has begun (1 s, growing by half)
		Thread.sleep(14_000);
		assertThat(started.outcome()).as("waiting for its batch").isNotDone();

		long asked = System.nanoTime();
		application.bean(ActiveRuns.class).stopActive();
		RunOutcome outcome = started.await();

		assertThat(outcome).isStopped();
		assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("from the stop to the end of the run")
			.isLessThan(Duration.ofSeconds(3));
		assertThat(simulator.stats().requests()).as("calls sent one by one").isZero();
	}

	private RunOutcome start(TranslationJobFixture job, CallMode mode) {
		JobDefinition definition = JobDefinitionLoader.load(Files.exists(job.jobFile()) ? job.jobFile() : job.write())
			.withMode(mode);
		return application.operator(dir, database).start(definition, RunOptions.RESUME_OR_START).await();
	}

	private TranslationJobFixture fixture(String name) {
		// unique names keep runs apart in a PostgreSQL database shared by the whole suite
		return aTranslationJob(dir).named(name + "-" + database + "-" + System.nanoTime()).withConcurrency(8);
	}

}
