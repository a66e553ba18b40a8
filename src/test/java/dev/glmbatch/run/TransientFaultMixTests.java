package dev.glmbatch.run;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.simulator.SimulatorOptions;
import dev.glmbatch.testsupport.BatchApplication;
import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import dev.glmbatch.testsupport.LogCapture;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.glmbatch.testsupport.RunOutcomeAssert.assertThat;
import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fault mix that GLM mostly survives, injected by the simulator with a seed: the run
 * completes in one go, with every row once and no answer paid twice. Rows whose call ran
 * out of retries went back to the queue; with the harsher mix some always do.
 */
@ParameterizedClass(name = "seed {0}: {1}")
@CsvSource(delimiter = ';', value = { "1; 1302=0.20,500=0.05,drop=0.02; 600", "2; 1302=0.20,500=0.05,drop=0.02; 600",
		"3; 1302=0.20,500=0.05,drop=0.02; 600", "4; 1302=0.40,500=0.10,drop=0.05; 300" })
class TransientFaultMixTests {

	@RegisterExtension
	final GlmSimulatorExtension simulator;

	@RegisterExtension
	final BatchApplication application;

	private final String faults;

	private final int rows;

	@TempDir
	Path dir;

	TransientFaultMixTests(long seed, String faults, int rows) {
		this.faults = faults;
		this.rows = rows;
		this.simulator = GlmSimulatorExtension
			.withOptions(SimulatorOptions.defaults().withFaults(SimulatorOptions.parseFaults(faults)).withSeed(seed));
		this.application = new BatchApplication(simulator);
	}

	@Test
	void completesInOneRunWithEveryRowOnceAndNothingPaidTwice() throws Exception {
		TranslationJobFixture job = aTranslationJob(dir).named("mix")
			.withRows(rows)
			.withChunkSize(25)
			.withConcurrency(8)
			.withLanguages("fr");
		// started before the capture: Spring Boot's logging set-up would remove its
		// appender
		Runs runs = application.runs(dir);
		RunOutcome outcome;
		try (LogCapture log = new LogCapture()) {
			outcome = application.operator(dir)
				.start(JobDefinitionLoader.load(job.write()), RunOptions.RESUME_OR_START)
				.await();
			if (faults.startsWith("1302=0.40")) {
				assertThat(log.warnings()).as("rows that ran out of retries went back to the queue")
					.anySatisfy(line -> assertThat(line).contains("goes back to the queue"));
			}
		}

		assertThat(outcome).isCompleted();
		assertThat(outcome.resumed()).isFalse();
		assertThat(outcome.totals().rejected()).isZero();
		assertThat(CsvFiles.rows(job.outputFile())).extracting(row -> row.get("sku"))
			.hasSize(rows)
			.doesNotHaveDuplicates();
		assertThat(simulator.stats().repaidCalls()).as("answers paid twice").isZero();
		assertThat(simulator.stats().countOfStatus(200)).as("answers paid").isEqualTo(rows);
		assertThat(Files.readString(job.rejectFile()).lines().count()).as("reject file lines").isEqualTo(1);
		assertThat(simulator.stats().countOfCode("1302")).as("1302 injected").isPositive();
		assertThat(simulator.stats().countOfStatus(500)).as("HTTP 500 injected").isPositive();
	}

}
