package dev.glmbatch.run;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.testsupport.AbstractStateDatabaseTests;
import dev.glmbatch.testsupport.TestDatabases;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.glmbatch.testsupport.RunOutcomeAssert.assertThat;
import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The small context of {@code list}, {@code status} and {@code stop} reads the runs the
 * full application wrote, as the full application reads them, without building the GLM
 * client or the batch launcher; and on a new database it creates the tables a run would.
 */
class RunStateRuntimeTests extends AbstractStateDatabaseTests {

	@Test
	void listsAndShowsTheRunsOfTheFullApplicationAsItDoes() throws Exception {
		TranslationJobFixture job = aTranslationJob(dir).named("state-" + database + "-" + System.nanoTime())
			.withRows(12)
			.withRawLine("P-ragged,only two");
		Runs full = application.runs(dir, database);
		RunOutcome outcome = application.operator(dir, database)
			.start(JobDefinitionLoader.load(job.write()), RunOptions.RESUME_OR_START)
			.await();
		assertThat(outcome).isCompleted();

		try (ConfigurableApplicationContext reading = startReading()) {
			Runs runs = reading.getBean(Runs.class);

			// other builds may add runs to a shared PostgreSQL database meanwhile: this
			// test's own run is compared
			List<RunSummary> listed = runs.list(20);
			assertThat(listed).filteredOn(summary -> summary.runId() == outcome.runId())
				.containsExactly(full.status(outcome.runId()).orElseThrow());
			RunSummary run = runs.status(outcome.runId()).orElseThrow();
			assertThat(run).isEqualTo(full.status(outcome.runId()).orElseThrow());
			assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
			assertThat(run.totals().rows()).isEqualTo(13);
			assertThat(run.totals().rejected()).isEqualTo(1);
			assertThat(runs.stateDatabase()).isEqualTo(full.stateDatabase());
			// no run holds a lock, so there is nothing to stop
			assertThat(runs.requestStop(outcome.runId())).isFalse();
			assertThat(reading.getBeanNamesForType(LlmClient.class)).isEmpty();
			assertThat(reading.getBeanNamesForType(JobOperator.class)).isEmpty();
		}
	}

	@Test
	void createsTheTablesOfANewDatabaseThatARunThenUses() throws Exception {
		assumeTrue(database.equals(TestDatabases.H2), "a shared PostgreSQL database is never new");
		try (ConfigurableApplicationContext reading = startReading()) {
			assertThat(reading.getBean(Runs.class).list(20)).isEmpty();
		}
		assertThat(Files.list(dir.resolve("state"))).isNotEmpty();

		TranslationJobFixture job = aTranslationJob(dir).named("after-read").withRows(3);
		RunOutcome outcome = application.operator(dir, database)
			.start(JobDefinitionLoader.load(job.write()), RunOptions.RESUME_OR_START)
			.await();
		assertThat(outcome).isCompleted();
		assertThat(application.runs(dir, database).list(20)).extracting(RunSummary::runId)
			.containsExactly(outcome.runId());
	}

	private ConfigurableApplicationContext startReading() {
		Map<String, Object> properties = TestDatabases.properties(database, dir);
		return new SpringApplicationBuilder(RunStateRuntime.class).run(properties.entrySet()
			.stream()
			.map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new));
	}

}
