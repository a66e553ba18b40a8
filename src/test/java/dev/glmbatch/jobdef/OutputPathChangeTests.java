package dev.glmbatch.jobdef;

import java.io.IOException;
import java.nio.file.Path;

import dev.glmbatch.testsupport.JobYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.glmbatch.testsupport.JobYaml.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * An output spec moved to another file ({@code run --output}, or one file of a pattern):
 * the format follows the new extension unless the job file declared it, and every other
 * option is kept.
 */
class OutputPathChangeTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@CsvSource({ "results.jsonl, JSONL, results-jsonl-rejects.csv", "results.xlsx, XLSX, results-xlsx-rejects.csv",
			"RESULTS.XLSM, XLSX, RESULTS-xlsm-rejects.csv", "results.csv, CSV, results-rejects.csv" })
	void formatFollowsTheNewExtensionWhenTheJobDeclaresNone(String name, OutputFormat expected, String rejects)
			throws IOException {
		OutputSpec spec = load(MINIMAL.replace("  path: out.csv", "  path: out.csv\n  formula-injection: off"));

		OutputSpec moved = spec.withPath(dir.resolve(name));

		assertThat(spec.formatDeclared()).isFalse();
		assertThat(moved.format()).isEqualTo(expected);
		assertThat(moved.path()).isEqualTo(dir.resolve(name).toString());
		assertThat(moved.formulaPolicy()).isEqualTo(FormulaPolicy.OFF);
		assertThat(moved.rejectPath()).as("beside the new output, not the job's (another run's) reject file")
			.isEqualTo(dir.resolve(rejects).toString());
	}

	@Test
	void jsonlJobMovedToAWorkbookWritesAWorkbook() throws IOException {
		OutputSpec spec = load(MINIMAL.replace("out.csv", "out.jsonl"));

		assertThat(spec.withPath(dir.resolve("results.xlsx")).format()).isEqualTo(OutputFormat.XLSX);
	}

	@Test
	void declaredFormatIsKeptWhateverTheNewExtension() throws IOException {
		OutputSpec spec = load(MINIMAL.replace("  path: out.csv", "  path: out.data\n  format: csv"));

		assertThat(spec.formatDeclared()).isTrue();
		assertThat(spec.withPath(dir.resolve("results.jsonl")).format()).isEqualTo(OutputFormat.CSV);
		assertThat(spec.withPath(dir.resolve("results.txt")).format()).isEqualTo(OutputFormat.CSV);
	}

	@Test
	void unknownExtensionWithoutADeclaredFormatHasNoFormat() throws IOException {
		OutputSpec spec = load(MINIMAL);

		assertThat(spec.formatFor(dir.resolve("results.txt"))).isNull();
		assertThat(spec.formatFor(dir.resolve("results"))).isNull();
		assertThatIllegalArgumentException().isThrownBy(() -> spec.withPath(dir.resolve("results.txt")))
			.withMessageContaining("results.txt");
	}

	@Test
	void intoWorkbookCannotMoveToANonWorkbookFile() throws IOException {
		OutputSpec spec = load(MINIMAL.replace("products.csv", "products.xlsx")
			.replace("  path: out.csv", "  path: out.xlsx\n  into-workbook: true"));

		assertThat(spec.withPath(dir.resolve("copy.xlsm")).intoWorkbook()).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> spec.withPath(dir.resolve("copy.csv")));
	}

	@Test
	void eachFileOfAPatternKeepsTheOutputOptions() throws IOException {
		JobFile job = JobDefinitionLoader.loadJobFile(write("""
				input:
				  pattern: incoming/*.xlsx
				task:
				  type: translate
				  columns: [name]
				  to: [fr]
				output:
				  path: out/{input}-fr.xlsx
				  rejects: out/{input}-rejects.csv
				  formula-injection: off
				  into-workbook: true
				"""));

		OutputSpec output = job.forInput(dir.resolve("incoming/march.xlsx")).output();

		assertThat(output.path()).isEqualTo(dir.resolve("out/march-fr.xlsx").toString());
		assertThat(output.intoWorkbook()).isTrue();
		assertThat(output.formulaPolicy()).isEqualTo(FormulaPolicy.OFF);
	}

	private OutputSpec load(String yaml) throws IOException {
		return JobDefinitionLoader.load(write(yaml)).output();
	}

	private Path write(String yaml) throws IOException {
		return JobYaml.write(dir, yaml);
	}

}
