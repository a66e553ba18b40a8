package dev.glmbatch;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.JarProcess;
import dev.glmbatch.testsupport.SimulatorProcess;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code export}, {@code run --output} on a processed input and {@code retry} through the
 * packaged jar: a run against a simulator whose rules refuse two rows as sensitive, its
 * results written again in every format without a call, then its two rejected rows
 * retried against a simulator without that rule, which answers exactly those two.
 */
class ExportRetryProcessTests {

	private static final int ROWS = 10;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** The rows the refusing simulator answers with finish reason {@code sensitive}. */
	private static final List<String> REFUSED = List.of("P3", "P7");

	@RegisterExtension
	static SimulatorProcess refusing = SimulatorProcess.withRules("""
			rules:
			  - match: {contains: "Product 3\\n"}
			    respond: {finishReason: sensitive}
			  - match: {contains: "Product 7\\n"}
			    respond: {finishReason: sensitive}
			""");

	@RegisterExtension
	static SimulatorProcess simulator = new SimulatorProcess();

	@Test
	void exportsWithoutACallAndRetriesOnlyTheRejectedRows(@TempDir Path dir) throws Exception {
		TranslationJobFixture job = TranslationJobFixture.aTranslationJob(dir).withRows(ROWS).withLanguages("fr");
		job.write();
		List<String> skus = CsvFiles.numbered("P", ROWS);

		JarProcess first = finished(dir, "run", job.jobFile().toString(), "--base-url",
				refusing.zaiBaseUrl().toString());
		assertThat(first.exitValue()).as(first.output()).isNotEqualTo(2);
		assertThat(CsvFiles.column(job.outputFile(), "sku")).isEqualTo(skus);
		assertThat(rejected(job.outputFile())).as("the rows the rules refused, and only those, are rejected")
			.isEqualTo(REFUSED);
		long paid = refusing.requests();

		assertExported(dir, job, paid, "--output", dir.resolve("x.csv").toString());
		assertThat(CsvFiles.column(dir.resolve("x.csv"), "sku")).isEqualTo(skus);
		assertThat(rejected(dir.resolve("x.csv"))).isEqualTo(REFUSED);

		assertExported(dir, job, paid, "--output", dir.resolve("x.xlsx").toString());
		assertThat(firstColumn(dir.resolve("x.xlsx"))).isEqualTo(skus);

		assertExported(dir, job, paid, "--format", "jsonl");
		assertThat(jsonlSkus(dir.resolve("output/test-translate.jsonl"))).isEqualTo(skus);

		assertRefused(finished(dir, "export", "42"));
		assertRefused(finished(dir, "export", "1", "--output", dir.resolve("x.ods").toString()));
		assertThat(refusing.requests()).isEqualTo(paid);

		simulator.reset();
		JarProcess other = finished(dir, "run", job.jobFile().toString(), "--output",
				dir.resolve("other.jsonl").toString(), "--base-url", simulator.zaiBaseUrl().toString());
		assertThat(other.exitValue()).as(other.output()).isZero();
		assertThat(jsonlSkus(dir.resolve("other.jsonl"))).isEqualTo(skus);
		assertThat(simulator.requests()).as("calls paid by run --output on a processed input").isZero();

		JarProcess retry = finished(dir, "retry", "1", "--base-url", simulator.zaiBaseUrl().toString());
		assertThat(retry.exitValue()).as(retry.output()).isZero();
		assertThat(simulator.requests()).as("calls paid by the retry, its key check and the two rejected rows")
			.isEqualTo(1 + REFUSED.size());
		assertThat(CsvFiles.column(job.outputFile(), "sku")).isEqualTo(skus);
		assertThat(CsvFiles.column(job.outputFile(), "status")).containsOnly("done");
		assertThat(CsvFiles.column(job.outputFile(), "name_fr")).allSatisfy(name -> assertThat(name).isNotBlank());

		assertRefused(finished(dir, "retry", "2", "--base-url", simulator.zaiBaseUrl().toString()));
	}

	private static void assertExported(Path dir, TranslationJobFixture job, long paid, String... options)
			throws Exception {
		List<String> arguments = new ArrayList<>(List.of("export", "1"));
		arguments.addAll(List.of(options));
		JarProcess export = finished(dir, arguments.toArray(String[]::new));
		assertThat(export.exitValue()).as(export.output()).isZero();
		assertThat(export.output()).contains("10 rows (8 done, 2 rejected)");
		assertThat(refusing.requests()).as("calls paid by %s", arguments).isEqualTo(paid);
	}

	/**
	 * Exit code 1 and one line, no stack trace; a command that opens the state database
	 * for writing says first which one, as every run does.
	 */
	private static void assertRefused(JarProcess process) {
		assertThat(process.exitValue()).as(process.output()).isEqualTo(1);
		assertThat(process.output().lines().filter(line -> !line.isBlank() && !line.startsWith("State: ")))
			.as(process.output())
			.hasSize(1);
		assertThat(process.output()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	private static List<String> rejected(Path csv) throws Exception {
		return CsvFiles.rows(csv)
			.stream()
			.filter(row -> row.get("status").equals("rejected"))
			.map(row -> row.get("sku"))
			.toList();
	}

	private static List<String> firstColumn(Path xlsx) throws Exception {
		List<String> values = new ArrayList<>();
		DataFormatter formatter = new DataFormatter();
		try (Workbook workbook = WorkbookFactory.create(xlsx.toFile(), null, true)) {
			Sheet sheet = workbook.getSheetAt(0);
			for (Row row : sheet) {
				if (row.getRowNum() > 0) {
					values.add(formatter.formatCellValue(row.getCell(0)));
				}
			}
		}
		return values;
	}

	private static List<String> jsonlSkus(Path jsonl) throws Exception {
		return Files.readAllLines(jsonl, StandardCharsets.UTF_8)
			.stream()
			.filter(line -> !line.isBlank())
			.map(line -> JSON.readTree(line).at("/input/sku").asString())
			.toList();
	}

	private static JarProcess finished(Path dir, String... arguments) throws Exception {
		try (JarProcess process = JarProcess.start(dir, dir.resolve("run.log"), Map.of("ZAI_API_KEY", "test-key"),
				List.of(), arguments)) {
			assertThat(process.waitFor(Duration.ofMinutes(5))).as("%s finished", List.of(arguments)).isTrue();
			return process;
		}
	}

}
