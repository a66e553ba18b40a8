package dev.glmbatch.pipeline;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionException;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.run.RunOptions;
import dev.glmbatch.run.RunOutcome;
import dev.glmbatch.run.RunStatus;
import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.AbstractApplicationTests;
import dev.glmbatch.testsupport.StrictOoxml;

import static dev.glmbatch.testsupport.RunOutcomeAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whole jobs over a workbook against the simulator: JSONL output with status, thinking
 * and tokens per row, and results written back into a copy of the workbook.
 */
class ExportFormatsIntegrationTests extends AbstractApplicationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void workbookToJsonlGivesEveryRowWithStatusThinkingAndTokens() throws IOException {
		Path input = workbook();
		Path job = job("to-jsonl", input, "out.jsonl", "");

		RunOutcome outcome = run(job);

		assertThat(outcome).isCompleted();
		byte[] bytes = Files.readAllBytes(dir.resolve("out.jsonl"));
		assertThat(bytes[0]).isEqualTo((byte) '{');
		List<String> lines = List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
		assertThat(lines).hasSize(3);
		JsonNode first = json.readTree(lines.get(0));
		assertThat(first.get("row").asLong()).isEqualTo(1);
		assertThat(first.get("id").asString()).isEqualTo("P1");
		assertThat(first.get("status").asString()).isEqualTo("DONE");
		assertThat(first.get("input").get("name").asString()).isEqualTo("Lamp");
		assertThat(first.get("output").get("name_fr").asString()).isEqualTo("[French] Lamp");
		assertThat(first.get("thinking").get("used").asBoolean()).isFalse();
		assertThat(first.get("calls").asLong()).isEqualTo(1);
		assertThat(first.get("tokens").get("prompt").asLong()).isPositive();
		assertThat(first.get("tokens").get("completion").asLong()).isPositive();
		JsonNode error = json.readTree(lines.get(1));
		assertThat(error.get("status").asString()).isNotEqualTo("DONE");
		assertThat(error.get("reason").asString()).contains("cell B3").contains("#N/A");
		assertThat(error.get("calls").asLong()).isZero();
		assertThat(json.readTree(lines.get(2)).get("output").get("name_fr").asString()).isEqualTo("[French] =Desk");
	}

	@Test
	void resultsAreWrittenBackBesideTheSourceColumnsOfACopyOfTheWorkbook() throws IOException {
		Path input = workbook();
		byte[] before = Files.readAllBytes(input);
		Path job = job("write-back", input, "out.xlsx", "  into-workbook: true\n");

		RunOutcome outcome = run(job);

		assertThat(outcome).isCompleted();
		assertThat(Files.readAllBytes(input)).isEqualTo(before);
		try (InputStream in = Files.newInputStream(dir.resolve("out.xlsx")); XSSFWorkbook out = new XSSFWorkbook(in)) {
			assertThat(out.getSheetName(0)).isEqualTo("notes");
			Sheet sheet = out.getSheet("products");
			assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("name_fr");
			assertThat(sheet.getRow(1).getCell(3).getStringCellValue()).isEqualTo("[French] Lamp");
			assertThat(sheet.getRow(2).getCell(3)).isNull();
			assertThat(sheet.getRow(3).getCell(3).getStringCellValue()).isEqualTo("[French] =Desk");
			// every row has its status and, when rejected, the reason beside its (empty)
			// results
			assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("status");
			assertThat(sheet.getRow(0).getCell(5).getStringCellValue()).isEqualTo("reject_reason");
			assertThat(sheet.getRow(1).getCell(4).getStringCellValue()).isEqualTo("done");
			assertThat(sheet.getRow(1).getCell(5)).isNull();
			assertThat(sheet.getRow(2).getCell(4).getStringCellValue()).isEqualTo("rejected");
			assertThat(sheet.getRow(2).getCell(5).getStringCellValue()).contains("#N/A");
			assertThat(sheet.getRow(1).getCell(2).getCellType()).isEqualTo(CellType.FORMULA);
			assertThat(out.getSheet("failures").getRow(1).getCell(2).getStringCellValue()).contains("#N/A");
		}
		assertThat(Files.readString(dir.resolve("out-rejects.csv"))).contains("P2");
	}

	@Test
	void macroWorkbookIsWrittenBackIntoAMacroEnabledCopy() throws IOException {
		XSSFWorkbook macroEnabled = new XSSFWorkbook(XSSFWorkbookType.XLSM);
		macroEnabled.setVBAProject(new ByteArrayInputStream(new byte[] { 1, 2, 3 }));
		Path input = workbook("products.xlsm", macroEnabled);
		Path job = job("xlsm-write-back", input, "out.xlsm", "  into-workbook: true\n");

		RunOutcome outcome = run(job);

		assertThat(outcome).isCompleted();
		try (InputStream in = Files.newInputStream(dir.resolve("out.xlsm")); XSSFWorkbook out = new XSSFWorkbook(in)) {
			assertThat(out.getWorkbookType()).isEqualTo(XSSFWorkbookType.XLSM);
			assertThat(out.getPackage().getPartsByName(Pattern.compile("/xl/vbaProject\\.bin"))).hasSize(1);
			assertThat(out.getSheet("products").getRow(1).getCell(3).getStringCellValue()).isEqualTo("[French] Lamp");
		}
		assertThat(dir.resolve("out-rejects.csv")).exists();
	}

	@Test
	void strictWorkbookIsReadButWriteBackIntoItIsRefusedBeforeAnyCall() throws IOException {
		Path strict = StrictOoxml.convert(workbook(), dir.resolve("strict-products.xlsx"));
		Path toCsv = job("strict-to-csv", strict, "strict.csv", "");
		Path writeBack = job("strict-write-back", strict, "strict-copy.xlsx", "  into-workbook: true\n");

		assertThatThrownBy(() -> run(writeBack)).isInstanceOf(InputFormatException.class)
			.hasMessageStartingWith(strict.toString())
			.hasMessageContaining("Strict Open XML")
			.hasMessageContaining("save it as Excel Workbook (.xlsx)");
		assertThat(simulator.stats().requests()).isZero();
		assertThat(dir.resolve("strict-copy.xlsx")).doesNotExist();

		RunOutcome outcome = run(toCsv);

		assertThat(outcome).isCompleted();
		assertThat(Files.readString(dir.resolve("strict.csv"))).contains("P1,Lamp,2,[French] Lamp");
	}

	@Test
	void outputPathGivenAtRunTimeSetsTheFormatAndItsResumeKeepsIt() throws IOException {
		JobDefinition csvJob = JobDefinitionLoader.load(job("override", workbook(), "out.csv", ""));
		JobDefinition toXlsx = csvJob.withOutput(csvJob.output().withPath(dir.resolve("other.xlsx")));
		JobDefinition toJsonl = csvJob.withOutput(csvJob.output().withPath(dir.resolve("other.jsonl")));

		assertThat(operator().start(toXlsx, RunOptions.RESUME_OR_START).await().status())
			.isEqualTo(RunStatus.COMPLETED);
		try (InputStream in = Files.newInputStream(dir.resolve("other.xlsx"));
				XSSFWorkbook out = new XSSFWorkbook(in)) {
			assertThat(out.getSheet("results").getRow(1).getCell(3).getStringCellValue()).isEqualTo("[French] Lamp");
		}
		simulator.addRule(SimulatorRule.when(Match.containing("Desk"), Response.error(401, "1001")));
		RunOutcome failed = operator().start(toJsonl, new RunOptions(true)).await();
		assertThat(failed).isFailed();
		simulator.simulator().clearRules();

		// resumed without the other path, as "run JOB" after "run JOB --output
		// other.jsonl" does
		RunOutcome resumed = operator().start(csvJob, RunOptions.RESUME_OR_START).await();

		assertThat(resumed.resumed()).isTrue();
		assertThat(resumed).isCompleted();
		List<String> lines = Files.readAllLines(dir.resolve("other.jsonl"));
		assertThat(lines).hasSize(3).allSatisfy(line -> assertThat(json.readTree(line).get("status")).isNotNull());
		assertThat(dir.resolve("out.csv")).doesNotExist();
	}

	@Test
	void aJsonlRunOnAnInputHoldingAnOutputColumnResumesAsJsonlThoughTheJobWritesCsv() throws IOException {
		Path input = Files.writeString(dir.resolve("with-fr.csv"), "sku,name,name_fr\nP1,Lamp,\nP2,Desk,\nP3,Chair,\n");
		JobDefinition csvJob = JobDefinitionLoader.load(job("collide", input, "out.csv", ""));
		assertThatThrownBy(() -> operator().start(csvJob, RunOptions.RESUME_OR_START).await())
			.isInstanceOf(JobDefinitionException.class)
			.hasMessageContaining("already has a column of that name");
		JobDefinition toJsonl = csvJob.withOutput(csvJob.output().withPath(dir.resolve("collide.jsonl")));
		simulator.addRule(SimulatorRule.when(Match.containing("Desk"), Response.error(401, "1001")));
		assertThat(operator().start(toJsonl, RunOptions.RESUME_OR_START).await().status()).isEqualTo(RunStatus.FAILED);
		simulator.simulator().clearRules();

		// "run JOB" after "run JOB --output collide.jsonl": checked as the JSONL it
		// resumes, not as the job's CSV
		RunOutcome resumed = operator().start(csvJob, RunOptions.RESUME_OR_START).await();

		assertThat(resumed).isCompleted();
		assertThat(Files.readAllLines(dir.resolve("collide.jsonl"))).hasSize(3);
	}

	@Test
	void csvOutputQuotesFormulaLikeValues() throws IOException {
		Path job = job("to-csv", workbook(), "out.csv", "");

		run(job);

		assertThat(Files.readString(dir.resolve("out.csv"))).contains("P3,'=Desk,6,[French] =Desk");
	}

	@Test
	void theRejectFileQuotesFormulaLikeValuesToo() throws IOException {
		simulator.addRule(SimulatorRule.when(Match.containing("=Desk"), Response.error(400, "1301")));
		Path job = job("rejects-csv", workbook(), "out.csv", "");

		run(job);

		String rejects = Files.readString(dir.resolve("out-rejects.csv"));
		assertThat(rejects).contains(",P3,'=Desk,").doesNotContain(",=Desk");
	}

	/**
	 * Sheet "notes" (hidden), then "products": P1 fine, P2 with an error cell, P3 whose
	 * name starts with '='.
	 */
	private Path workbook() throws IOException {
		return workbook("products.xlsx", new XSSFWorkbook());
	}

	private Path workbook(String name, XSSFWorkbook empty) throws IOException {
		Path file = dir.resolve(name);
		try (XSSFWorkbook workbook = empty; OutputStream out = Files.newOutputStream(file)) {
			workbook.createSheet("notes").createRow(0).createCell(0).setCellValue("not data");
			workbook.setSheetHidden(0, true);
			Sheet sheet = workbook.createSheet("products");
			workbook.setActiveSheet(1);
			String[][] rows = { { "sku", "name", "double" }, { "P1", "Lamp" }, { "P2", null }, { "P3", "=Desk" } };
			for (int i = 0; i < rows.length; i++) {
				Row row = sheet.createRow(i);
				row.createCell(0).setCellValue(rows[i][0]);
				if (i == 2) {
					row.createCell(1).setCellErrorValue(FormulaError.NA.getCode());
				}
				else {
					row.createCell(1).setCellValue(rows[i][1]);
				}
				if (i == 0) {
					row.createCell(2).setCellValue(rows[0][2]);
				}
				else {
					row.createCell(2).setCellFormula(i + "*2");
				}
			}
			workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
			workbook.write(out);
		}
		return file;
	}

	/**
	 * A translation of {@code input}, a file in {@link #dir}, keyed by its sku column.
	 */
	private Path job(String name, Path input, String output, String outputOptions) throws IOException {
		return translateJob(name, input.getFileName().toString(), "  id-column: sku\n", output, outputOptions);
	}

}
