package dev.glmbatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.JarProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extract demo as the README runs it:
 * {@code java -jar target/glm-batch.jar run jobs/demo-extract.yaml
 * --simulate}, on copies of the committed job file and input, so the working copy's
 * {@code output/} is left alone.
 */
class DemoExtractProcessTests {

	@TempDir
	Path dir;

	@Test
	void theDemoCommandExtractsEveryInvoiceLineAndExitsZero() throws IOException, InterruptedException {
		Files.createDirectories(dir.resolve("jobs"));
		Files.createDirectories(dir.resolve("input"));
		Files.copy(Path.of("jobs/demo-extract.yaml"), dir.resolve("jobs/demo-extract.yaml"));
		Files.copy(Path.of("input/demo-invoices.csv"), dir.resolve("input/demo-invoices.csv"));

		try (JarProcess run = JarProcess.start(dir, dir.resolve("run.log"), Map.of(), List.of(), "run",
				"jobs/demo-extract.yaml", "--simulate")) {
			assertThat(run.waitFor(Duration.ofMinutes(3))).as(run.output()).isTrue();
			assertThat(run.exitValue()).as(run.output()).isZero();
		}

		List<Map<String, String>> output = CsvFiles.rows(dir.resolve("output/demo-extract.csv"));
		assertThat(output).hasSize(24);
		assertThat(output).allSatisfy(row -> {
			assertThat(row.get("vendor")).isNotBlank();
			assertThat(row.get("total")).matches("\\d+(\\.\\d+)?");
			assertThat(row.get("currency")).matches("[A-Z]{3}");
		});
		assertThat(output.get(1)).containsEntry("vendor", "Acme Tools Ltd")
			.containsEntry("currency", "GBP")
			.containsEntry("quantity", "3")
			.containsEntry("total", "267.00");
		assertThat(CsvFiles.rows(dir.resolve("output/demo-extract-rejects.csv"))).isEmpty();
	}

}
