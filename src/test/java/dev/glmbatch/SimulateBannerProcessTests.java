package dev.glmbatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.JarProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code run --simulate} says what the simulator's answers are for the job's task, and
 * they are plausible.
 */
class SimulateBannerProcessTests {

	@TempDir
	Path dir;

	@Test
	void aClassifyRunOnTheSimulatorSaysHowLabelsAreChosenAndGetsListedLabels() throws Exception {
		Files.writeString(dir.resolve("tickets.csv"), """
				id,text
				T1,I was charged twice for my order
				T2,The app crashes when I open settings
				T3,I cannot log in after a password reset
				""");
		Path job = Files.writeString(dir.resolve("tickets.yaml"), """
				input: {path: tickets.csv}
				task: {type: classify, columns: [text], labels: [billing, technical, account]}
				thinking: auto
				output: {path: out.csv}
				""");

		try (JarProcess run = JarProcess.start(dir, dir.resolve("run.log"), Map.of(), List.of(), "run", job.toString(),
				"--simulate")) {
			assertThat(run.waitFor(Duration.ofMinutes(3))).isTrue();
			String output = run.output();
			assertThat(run.exitValue()).as(output).isZero();
			assertThat(output)
				.contains("(offline; simulated answers: labels are chosen from the job's list by"
						+ " keywords of the row")
				.doesNotContain("pseudo-translations");
		}
		assertThat(CsvFiles.column(dir.resolve("out.csv"), "label")).containsExactly("billing", "technical", "account");
	}

}
