package dev.glmbatch.jobdef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The job-file keys for workbooks, JSONL and the formula guard. */
class WorkbookOptionsBinderTests {

	private static final String JOB = """
			input:
			  path: products.xlsx
			task:
			  type: translate
			  columns: [name]
			  to: [fr]
			output:
			  path: out.xlsx
			""";

	@TempDir
	Path dir;

	@Test
	void workbookOptionsHaveDefaults() throws IOException {
		JobDefinition job = JobDefinitionLoader.load(write(JOB));

		assertThat(job.input().format()).isEqualTo(InputFormat.XLSX);
		assertThat(job.input().sheet()).isNull();
		assertThat(job.input().headerRow()).isEqualTo(1);
		assertThat(job.input().firstDataRow()).isEqualTo(2);
		assertThat(job.input().maxCellChars()).isEqualTo(32_767);
		assertThat(job.input().maxRows()).isEqualTo(1_048_576);
		assertThat(job.output().format()).isEqualTo(OutputFormat.XLSX);
		assertThat(job.output().formulaPolicy()).isEqualTo(FormulaPolicy.QUOTE);
		assertThat(job.output().intoWorkbook()).isFalse();
		assertThat(job.output().rejectPath()).endsWith("out-rejects.csv");
	}

	@Test
	void bindsEveryWorkbookKey() throws IOException {
		JobDefinition job = JobDefinitionLoader.load(write(JOB
			.replace("  path: products.xlsx",
					"  path: products.xlsx\n  sheet: Products\n  header-row: 3\n  first-data-row: 5\n"
							+ "  max-cell-chars: 1000\n  max-rows: 50000")
			.replace("  path: out.xlsx", "  path: out.xlsx\n  formula-injection: off\n  into-workbook: true")));

		assertThat(job.input().sheet()).isEqualTo("Products");
		assertThat(job.input().headerRow()).isEqualTo(3);
		assertThat(job.input().firstDataRow()).isEqualTo(5);
		assertThat(job.input().maxCellChars()).isEqualTo(1000);
		assertThat(job.input().maxRows()).isEqualTo(50_000);
		assertThat(job.output().formulaPolicy()).isEqualTo(FormulaPolicy.OFF);
		assertThat(job.output().intoWorkbook()).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "products.xlsx, XLSX", "products.xlsm, XLSX", "products.XLS, XLS", "products.csv, CSV" })
	void inputFormatFollowsTheExtension(String name, InputFormat expected) throws IOException {
		assertThat(JobDefinitionLoader.load(write(JOB.replace("products.xlsx", name))).input().format())
			.isEqualTo(expected);
	}

	@Test
	void headerRowDefaultsTheFirstDataRowToTheRowBelow() throws IOException {
		JobDefinition job = JobDefinitionLoader
			.load(write(JOB.replace("  path: products.xlsx", "  path: products.xlsx\n  header-row: 4")));

		assertThat(job.input().firstDataRow()).isEqualTo(5);
	}

	@Test
	void jsonlOutputIsTakenFromTheExtension() throws IOException {
		assertThat(JobDefinitionLoader.load(write(JOB.replace("out.xlsx", "out.jsonl"))).output().format())
			.isEqualTo(OutputFormat.JSONL);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false,
			value = { "  path: products.xlsx\\n  header-row: 3\\n  first-data-row: 3|is not below the header row 3",
					"  path: products.xlsx\\n  sheet: ' '|input.sheet (line 3): the value is empty",
					"  path: out.xlsx\\n  formula-injection: escape|is not a formula-injection policy",
					"  path: out.xlsx\\n  into-workbook: maybe|is not true or false" })
	void refusesBadValues(String replacement, String problem) throws IOException {
		String line = replacement.replace("\\n", "\n");
		String original = line.startsWith("  path: products") ? "  path: products.xlsx" : "  path: out.xlsx";

		JobDefinitionException ex = catchThrowableOfType(JobDefinitionException.class,
				() -> JobDefinitionLoader.load(write(JOB.replace(original, line))));

		assertThat(ex.problems()).anySatisfy(message -> assertThat(message).contains(problem));
	}

	@Test
	void xlsmOutputIsAWorkbookWithCsvRejectsAndIntoWorkbookTakesAnXlsmInput() throws IOException {
		JobDefinition job = JobDefinitionLoader.load(write(JOB.replace("products.xlsx", "products.xlsm")
			.replace("  path: out.xlsx", "  path: out.xlsm\n  into-workbook: true")));

		assertThat(job.output().format()).isEqualTo(OutputFormat.XLSX);
		assertThat(job.output().intoWorkbook()).isTrue();
		assertThat(job.output().rejectPath()).endsWith("out-rejects.csv");
	}

	@Test
	void intoWorkbookNeedsAnXlsxInputAndOutput() throws IOException {
		JobDefinitionException csvOut = catchThrowableOfType(JobDefinitionException.class, () -> JobDefinitionLoader
			.load(write(JOB.replace("  path: out.xlsx", "  path: out.csv\n  into-workbook: true"))));
		JobDefinitionException csvIn = catchThrowableOfType(JobDefinitionException.class,
				() -> JobDefinitionLoader.load(write(JOB.replace("products.xlsx", "products.csv")
					.replace("  path: out.xlsx", "  path: out.xlsx\n  into-workbook: true"))));

		assertThat(csvOut.problems()).anySatisfy(message -> assertThat(message).contains("output format is csv"));
		assertThat(csvIn.problems())
			.anySatisfy(message -> assertThat(message).contains("is not an .xlsx or .xlsm workbook"));
	}

	private Path write(String yaml) throws IOException {
		return Files.writeString(dir.resolve("job.yaml"), yaml, StandardCharsets.UTF_8);
	}

}
