package dev.glmbatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.jobdef.OutputFormat;
import dev.glmbatch.jobdef.OutputSpec;
import dev.glmbatch.testsupport.JobYaml;

import static dev.glmbatch.testsupport.JobYaml.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code run JOB --output FILE}: the file's extension sets the format, and a file of no
 * known kind is refused.
 */
class RunOutputOptionTests {

	@TempDir
	Path dir;

	@Test
	void extensionOfTheOutputOptionSetsTheFormat() throws IOException {
		OutputSpec csvJob = output(MINIMAL);

		assertThat(RunCommand.writingTo(csvJob, dir.resolve("results.jsonl")).format()).isEqualTo(OutputFormat.JSONL);
		assertThat(RunCommand.writingTo(csvJob, dir.resolve("results.xlsx")).format()).isEqualTo(OutputFormat.XLSX);
		assertThat(RunCommand.writingTo(output(MINIMAL.replace("out.csv", "out.xlsx")), dir.resolve("results.csv"))
			.format()).isEqualTo(OutputFormat.CSV);
	}

	@Test
	void unknownExtensionIsAUsageErrorNamingTheOptionAndTheExtensions() throws IOException {
		OutputSpec csvJob = output(MINIMAL);

		assertThatThrownBy(() -> RunCommand.writingTo(csvJob, dir.resolve("results.txt")))
			.isInstanceOf(CommandException.class)
			.hasMessageStartingWith("--output " + dir.resolve("results.txt"))
			.hasMessageContaining("the extension '.txt'")
			.hasMessageContaining(".csv, .xlsx, .xlsm, .jsonl")
			.hasMessageContaining("format: under output");
		assertThatThrownBy(() -> RunCommand.writingTo(csvJob, dir.resolve("results")))
			.hasMessageContaining("a file name without extension");
	}

	@Test
	void declaredFormatAcceptsAnyExtension() throws IOException {
		OutputSpec declared = output(MINIMAL.replace("  path: out.csv", "  path: out.csv\n  format: csv"));

		assertThat(RunCommand.writingTo(declared, dir.resolve("results.txt")).format()).isEqualTo(OutputFormat.CSV);
	}

	@Test
	void writingIntoAWorkbookCopyNeedsAWorkbookFile() throws IOException {
		OutputSpec intoWorkbook = output(MINIMAL.replace("products.csv", "products.xlsx")
			.replace("  path: out.csv", "  path: out.xlsx\n  into-workbook: true"));

		assertThatThrownBy(() -> RunCommand.writingTo(intoWorkbook, dir.resolve("results.csv")))
			.isInstanceOf(CommandException.class)
			.hasMessageContaining("into-workbook: true")
			.hasMessageContaining(".xlsx or .xlsm");
	}

	@Test
	void runWithAnOutputOfNoKnownKindExitsWithTheUsageCodeBeforeAnythingRuns() throws IOException {
		Files.writeString(dir.resolve("products.csv"), "sku,name\nP1,Lamp\n", StandardCharsets.UTF_8);
		Path job = write(MINIMAL);
		Path results = dir.resolve("results.txt");

		int code = GlmBatchCommand.execute("run", job.toString(), "--output", results.toString(), "--simulate");

		assertThat(code).isEqualTo(ExitCode.USAGE);
		assertThat(results).doesNotExist();
	}

	private OutputSpec output(String yaml) throws IOException {
		return JobDefinitionLoader.load(write(yaml)).output();
	}

	private Path write(String yaml) throws IOException {
		return JobYaml.write(dir, yaml);
	}

}
