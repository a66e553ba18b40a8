package dev.glmbatch.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.AbstractApplicationTests;
import dev.glmbatch.testsupport.LogCapture;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.Test;

import static dev.glmbatch.testsupport.RunOutcomeAssert.assertThat;
import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a run writes to the log: a progress line every two seconds, however long a chunk
 * takes, and a WARN line per rejected row.
 */
class RunLogIntegrationTests extends AbstractApplicationTests {

	@Test
	void progressIsLoggedEveryTwoSecondsEvenWhileOneChunkTakesLonger() {
		TranslationJobFixture job = aTranslationJob(dir).named("slow-chunk")
			.withRows(4)
			.withChunkSize(4)
			.withConcurrency(4)
			.withLanguages("fr");
		simulator.addRule(SimulatorRule.when(Match.any(), Response.normal().withLatency(Duration.ofMillis(5_500))));
		Runs runs = application.runs(dir);

		List<String> progress;
		try (LogCapture logs = new LogCapture()) {
			RunOutcome outcome = application.operator(dir)
				.start(JobDefinitionLoader.load(job.write()), RunOptions.RESUME_OR_START)
				.await();
			assertThat(outcome).isCompleted();
			progress = logs.lines().stream().filter(line -> line.contains(" Rows ")).toList();
		}

		// one chunk of about 5.5 s: beats at 2 s and 4 s, then the final line
		assertThat(progress).hasSizeGreaterThanOrEqualTo(3);
		assertThat(progress.get(0)).contains("Rows 0/4");
		assertThat(progress.get(progress.size() - 1)).contains("Rows 4/4");
	}

	@Test
	void everyRejectedRowGetsItsWarnLineWhateverRejectedIt() throws Exception {
		TranslationJobFixture job = aTranslationJob(dir).named("rejects")
			.withRows(3)
			.withLanguages("fr")
			.withRawLine("P-ragged,only two")
			.withRawLine("P-empty,,x");
		simulator.addRule(SimulatorRule.when(Match.containing("Product 2\n"), Response.error(400, "1301")));
		Path jobFile = job.write();
		Runs runs = application.runs(dir);

		List<String> warnings;
		try (LogCapture logs = new LogCapture()) {
			RunOutcome outcome = application.operator(dir)
				.start(JobDefinitionLoader.load(jobFile), RunOptions.RESUME_OR_START)
				.await();
			assertThat(outcome.totals().rejected()).isEqualTo(outcome.totals().rows() - outcome.totals().done());
			warnings = logs.warnings().stream().filter(line -> line.contains(" rejected")).toList();
			assertThat(warnings).as(String.join("\n", logs.lines())).hasSize((int) outcome.totals().rejected());
		}
		assertThat(warnings).anySatisfy(line -> assertThat(line).contains("Row 2 rejected"))
			.anySatisfy(line -> assertThat(line).contains("Row 4 rejected"))
			.allSatisfy(line -> assertThat(line).doesNotContain("Product"));
		assertThat(Files.readString(job.rejectFile())).contains("P-ragged");
	}

}
