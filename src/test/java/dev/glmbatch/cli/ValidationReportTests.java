package dev.glmbatch.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.run.JobCheck;
import dev.glmbatch.testsupport.JobYaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code validate} prints about the input: the sheet and rows of a workbook, the
 * delimiter of a CSV file.
 */
class ValidationReportTests {

	@TempDir
	Path dir;

	@Test
	void workbookInputShowsTheSheetHeaderRowAndFirstDataRowInsteadOfADelimiter() throws IOException {
		Path input = workbook();
		Path job = job(input.getFileName() + "\n  sheet: Products\n  header-row: 3\n  first-data-row: 5");

		String report = report(job);

		assertThat(report)
			.contains("  input:    " + input + " (sheet 'Products', header on row 3, data from row 5;"
					+ " 2 data rows; columns: sku, name)")
			.doesNotContain("delimiter")
			.contains("up to 2 first GLM calls (1 per row)");
	}

	@Test
	void workbookInputWithoutASheetKeyNamesTheSheetThatIsRead() throws IOException {
		Path input = workbook();
		Path job = job(input.getFileName() + "\n  header-row: 3\n  first-data-row: 5");

		assertThat(report(job)).contains("(sheet 'Products', header on row 3, data from row 5; 2 data rows;");
	}

	@Test
	void csvInputShowsItsDelimiter() throws IOException {
		Path input = Files.writeString(dir.resolve("products.csv"), "sku;name\nP1;Lamp\n", StandardCharsets.UTF_8);

		assertThat(report(job(input.getFileName().toString())))
			.contains("  input:    " + input + " (encoding UTF-8, delimiter ';'; 1 data rows; columns: sku, name)")
			.doesNotContain("sheet");
	}

	private String report(Path job) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
			ValidationReport.print(JobCheck.of(JobDefinitionLoader.load(job)), out);
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/**
	 * A hidden sheet "notes", then "Products" with a title on row 1, the header on row 3,
	 * units on row 4.
	 */
	private Path workbook() throws IOException {
		Path file = dir.resolve("products.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			workbook.createSheet("notes").createRow(0).createCell(0).setCellValue("not data");
			workbook.setSheetHidden(0, true);
			Sheet sheet = workbook.createSheet("Products");
			workbook.setActiveSheet(1);
			sheet.createRow(0).createCell(0).setCellValue("Catalogue 2025");
			String[][] rows = { { "sku", "name" }, { "(code)", "(text)" }, { "P1", "Lamp" }, { "P2", "Desk" } };
			for (int i = 0; i < rows.length; i++) {
				Row row = sheet.createRow(i + 2);
				row.createCell(0).setCellValue(rows[i][0]);
				row.createCell(1).setCellValue(rows[i][1]);
			}
			workbook.write(out);
		}
		return file;
	}

	private Path job(String inputPath) throws IOException {
		return Files.writeString(dir.resolve("check.yaml"), JobYaml.minimalReading(inputPath), StandardCharsets.UTF_8);
	}

}
