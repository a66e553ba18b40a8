package dev.glmbatch.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.run.RunOptions;
import dev.glmbatch.run.RunOutcome;
import dev.glmbatch.run.RunStatus;
import dev.glmbatch.testsupport.AbstractApplicationTests;
import dev.glmbatch.testsupport.JobYaml;

import static dev.glmbatch.testsupport.RunOutcomeAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole run over an input whose column name is a formula: the CSV output's header, the
 * derived {@code _fr} column's name and the reject file's header are guarded like the
 * values; numbers pass unchanged.
 */
class FormulaGuardExportTests extends AbstractApplicationTests {

	private static final String EVIL = "=HYPERLINK(\"http://evil.example\")";

	@Test
	void formulaInAColumnNameIsGuardedInEveryCsvHeader() throws IOException {
		RunOutcome outcome = run("");

		assertThat(outcome).isCompleted();
		List<String> output = lines("out.csv");
		assertThat(output.get(0)).startsWith("sku,price,\"'=HYPERLINK(\"\"http://evil.example\"\")\","
				+ "\"'=HYPERLINK(\"\"http://evil.example\"\")_fr\"");
		assertThat(output).anyMatch(line -> line.startsWith("P1,-5,+33 612 345 678,[French] +33 612 345 678"))
			.anyMatch(line -> line.startsWith("P2,-$12.34,'=1+2,[French] =1+2"));
		List<String> rejects = lines("out-rejects.csv");
		assertThat(rejects.get(0)).isEqualTo("row,line,reason,sku,price,\"'=HYPERLINK(\"\"http://evil.example\"\")\"");
		assertThat(rejects).hasSize(2);
		assertThat(rejects.get(1)).startsWith("3,4,").endsWith(",P3,-2.5E-4,'- # Weekly sync");
	}

	@Test
	void withTheGuardOffHeadersAndValuesAreWrittenAsTheyAre() throws IOException {
		RunOutcome outcome = run("  formula-injection: off\n");

		assertThat(outcome).isCompleted();
		assertThat(lines("out.csv").get(0)).startsWith("sku,price,\"=HYPERLINK(\"\"http://evil.example\"\")\","
				+ "\"=HYPERLINK(\"\"http://evil.example\"\")_fr\"");
		assertThat(lines("out.csv")).anyMatch(line -> line.startsWith("P2,-$12.34,=1+2,[French] =1+2"));
	}

	private RunOutcome run(String outputOptions) throws IOException {
		String evilField = "\"" + EVIL.replace("\"", "\"\"") + "\"";
		Files.writeString(dir.resolve("products.csv"), "sku,price," + evilField + "\n" + "P1,-5,+33 612 345 678\n"
				+ "P2,-$12.34,=1+2\n" + "P3,-2.5E-4,- # Weekly sync,ragged\n", StandardCharsets.UTF_8);
		String yaml = JobYaml.MINIMAL.replace("columns: [name]", "columns: ['" + EVIL + "']")
			.replace("  path: out.csv\n", "  path: out.csv\n" + outputOptions);
		Path job = JobYaml.write(dir, yaml);
		return application.operator(dir).start(JobDefinitionLoader.load(job), RunOptions.RESUME_OR_START).await();
	}

	private List<String> lines(String name) throws IOException {
		return List.of(Files.readString(dir.resolve(name), StandardCharsets.UTF_8).split("\r\n"));
	}

}
