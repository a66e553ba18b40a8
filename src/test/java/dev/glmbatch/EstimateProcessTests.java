package dev.glmbatch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.glmbatch.testsupport.JarProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code estimate} through the packaged jar for a task other than translate: no GLM call,
 * the assumptions stated.
 */
class EstimateProcessTests {

	@TempDir
	Path dir;

	@Test
	void aClassifyJobIsEstimatedWithItsCallBasisAndAssumptions() throws Exception {
		StringBuilder rows = new StringBuilder("id,text\n");
		for (int i = 1; i <= 100; i++) {
			rows.append("T").append(i).append(",My invoice ").append(i).append(" was charged twice\n");
		}
		Files.writeString(dir.resolve("tickets.csv"), rows);
		Path job = Files.writeString(dir.resolve("tickets.yaml"), """
				input: {path: tickets.csv}
				task: {type: classify, columns: [text], labels: [billing, technical, account]}
				thinking: auto
				output: {path: out.csv}
				""");

		try (JarProcess estimate = JarProcess.start(dir, dir.resolve("estimate.log"), Map.of(), List.of(), "estimate",
				job.toString())) {
			assertThat(estimate.waitFor(Duration.ofMinutes(2))).isTrue();
			String output = estimate.output();
			assertThat(estimate.exitValue()).as(output).isZero();
			assertThat(output).contains("Estimate for job tickets (no GLM call made)")
				.contains("  task:     classify")
				.contains("  calls:    100 (one per row with text), plus ~5 repairs and ~2 escalations to thinking")
				.contains("  assumed:  5% of first calls fail their check and get one repair call; 2% of first calls"
						+ " are asked again with thinking on (thinking: auto)")
				.doesNotContain("ClassifySpec");
			// the first calls at half price, the ~7 repairs and escalations at the list
			// price
			Matcher cost = Pattern.compile("cost:     \\$([0-9.]+) \\(thinking off\\)").matcher(output);
			Matcher batch = Pattern.compile("batch:    \\$([0-9.]+) to \\$[0-9.]+ with mode: batch").matcher(output);
			assertThat(cost.find()).as(output).isTrue();
			assertThat(batch.find()).as(output).isTrue();
			double sync = Double.parseDouble(cost.group(1));
			assertThat(Double.parseDouble(batch.group(1))).isBetween(0.48 * sync, 0.6 * sync);
			assertThat(output).contains("the job says mode: sync");
		}
	}

}
