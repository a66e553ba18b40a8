package dev.glmbatch.input.excel;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.glmbatch.input.SourceRow;

import static dev.glmbatch.input.excel.ExcelFixtures.readAll;
import static dev.glmbatch.input.excel.ExcelFixtures.row;
import static dev.glmbatch.input.excel.ExcelFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/** Cell values come out as the user sees them, following the documented policy. */
class ExcelValueTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "xlsx", "xls" })
	void numbersDatesTextAndBooleansReadAsTheUserSeesThem(String extension) {
		Path file = dir.resolve("values." + extension);
		java.util.function.Consumer<Workbook> content = workbook -> {
			Sheet sheet = workbook.createSheet("data");
			row(sheet, 0, "what", "value");
			CellStyle date = style(workbook, "yyyy-mm-dd");
			CellStyle dateTime = style(workbook, "yyyy-mm-dd hh:mm");
			CellStyle time = style(workbook, "hh:mm:ss");
			CellStyle zip = style(workbook, "00000");
			number(sheet, 1, "tenth", 0.1, null);
			number(sheet, 2, "big", 12345678901234d, null);
			number(sheet, 3, "negative", -2.5, null);
			number(sheet, 4, "date", dateSerial(workbook, LocalDateTime.of(2024, 3, 1, 0, 0)), date);
			number(sheet, 5, "datetime", dateSerial(workbook, LocalDateTime.of(2024, 3, 1, 13, 45)), dateTime);
			number(sheet, 6, "time", 0.5, time);
			number(sheet, 7, "zip", 1234, zip);
			row(sheet, 8, "text", "00123");
			Row bool = row(sheet, 9, "bool");
			bool.createCell(1).setCellValue(true);
			number(sheet, 10, "sum", 3, null).getCell(1).setCellFormula("1+2");
		};
		if (extension.equals("xlsx")) {
			ExcelFixtures.xlsx(file, content);
		}
		else {
			ExcelFixtures.xls(file, content);
		}

		List<SourceRow> rows = readAll(spec(file));

		assertThat(rows).extracting(row -> row.value("what") + "=" + row.value("value"))
			.containsExactly("tenth=0.1", "big=12345678901234", "negative=-2.5", "date=2024-03-01",
					"datetime=2024-03-01T13:45:00", "time=12:00:00", "zip=01234", "text=00123", "bool=TRUE", "sum=3");
		assertThat(rows).allMatch(SourceRow::isValid);
	}

	@Test
	void dateInThe1904SystemReadsAsTheSameDayExcelShows() {
		Path file = ExcelFixtures.xlsx(dir.resolve("1904.xlsx"), workbook -> {
			var ct = ((XSSFWorkbook) workbook).getCTWorkbook();
			(ct.isSetWorkbookPr() ? ct.getWorkbookPr() : ct.addNewWorkbookPr()).setDate1904(true);
			Sheet sheet = workbook.createSheet("data");
			row(sheet, 0, "what", "value");
			// serial 0 is 1904-01-01 in the 1904 system, 1462 days later than in the 1900
			// system
			number(sheet, 1, "date", 1462 + 45352 - 1462, style(workbook, "yyyy-mm-dd"));
		});

		SourceRow row = readAll(spec(file)).get(0);

		// 45352 is 2024-03-01 in the 1900 system, so 1462 days later in the 1904 system
		assertThat(row.value("value")).isEqualTo("2028-03-02");
	}

	@Test
	void cachedFormulaResultIsUsedAndErrorCellRejectsItsRowNamingTheCell() {
		Path file = ExcelFixtures.xlsx(dir.resolve("formulas.xlsx"), workbook -> {
			Sheet sheet = workbook.createSheet("data");
			row(sheet, 0, "id", "value");
			Row good = row(sheet, 1, "a");
			Cell formula = good.createCell(1);
			formula.setCellFormula("\"x\"&\"y\"");
			workbook.getCreationHelper().createFormulaEvaluator().evaluateFormulaCell(formula);
			Row bad = row(sheet, 2, "b");
			bad.createCell(1).setCellErrorValue(FormulaError.NA.getCode());
			row(sheet, 3, "c", "fine");
		});

		List<SourceRow> rows = readAll(spec(file));

		assertThat(rows).hasSize(3);
		assertThat(rows.get(0).value("value")).isEqualTo("xy");
		assertThat(rows.get(1).isValid()).isFalse();
		assertThat(rows.get(1).error()).contains("cell B3").contains("#N/A");
		assertThat(rows.get(2).value("value")).isEqualTo("fine");
	}

	@Test
	void aNulCharacterInACellRejectsItsRowNamingTheColumn() {
		Path plain = ExcelFixtures.xlsx(dir.resolve("plain.xlsx"), "data", List.of("id", "value"),
				List.of("a", "bad-value"), List.of("b", "fine"));
		// Excel's own escape of a control character in the XML, which readers decode
		Path file = ZipRewrite.rewrite(plain, dir.resolve("nul.xlsx"), (name,
				text) -> name.equals("xl/sharedStrings.xml") ? text.replace("bad-value", "bad_x0000_value") : text);

		List<SourceRow> rows = readAll(spec(file));

		assertThat(rows).extracting(SourceRow::isValid).containsExactly(false, true);
		assertThat(rows.get(0).error()).isEqualTo(
				"line 2, column value holds a NUL character (U+0000), which is not" + " text; remove it from the file");
	}

	@Test
	void mergedRegionGivesItsValueToTheTopLeftCellOnly() {
		Path file = ExcelFixtures.xlsx(dir.resolve("merged.xlsx"), workbook -> {
			Sheet sheet = workbook.createSheet("data");
			row(sheet, 0, "a", "b");
			row(sheet, 1, "merged");
			row(sheet, 2, "", "own");
			sheet.addMergedRegion(new CellRangeAddress(1, 2, 0, 0));
		});

		List<SourceRow> rows = readAll(spec(file));

		assertThat(rows).extracting(row -> row.value("a") + "|" + row.value("b")).containsExactly("merged|", "|own");
	}

	@Test
	void trailingFormattedEmptyRowsAreNotDataRows() {
		Path file = ExcelFixtures.xlsx(dir.resolve("trailing.xlsx"), workbook -> {
			Sheet sheet = workbook.createSheet("data");
			row(sheet, 0, "a");
			row(sheet, 1, "one");
			CellStyle bold = workbook.createCellStyle();
			for (int i = 2; i < 2000; i++) {
				sheet.createRow(i).createCell(0).setCellStyle(bold);
			}
			sheet.createRow(2000).createCell(0).setCellValue("");
		});

		assertThat(ExcelFixtures.readAll(spec(file))).hasSize(1);
		assertThat(dev.glmbatch.input.InputFiles.inspect(spec(file)).dataRows()).isEqualTo(1);
	}

	@Test
	void inlineStringsWithoutASharedStringsTableRead() {
		Path written = dir.resolve("inline-written.xlsx");
		// SXSSF writes inline strings; the copy below also drops the (empty)
		// shared-strings part
		ExcelFixtures.write(written, new SXSSFWorkbook(), workbook -> {
			Sheet sheet = workbook.createSheet("data");
			row(sheet, 0, "id", "text");
			row(sheet, 1, "1", "inline ✓");
		});
		Path file = ZipRewrite.rewrite(written, dir.resolve("inline.xlsx"), (name, text) -> {
			if (name.equals("xl/sharedStrings.xml")) {
				return null;
			}
			return text.replaceAll("<Override[^>]*sharedStrings[^>]*/>", "")
				.replaceAll("<Relationship[^>]*sharedStrings[^>]*/>", "");
		});
		assertThat(ZipRewrite.entry(file, "xl/worksheets/sheet1.xml")).contains("inlineStr");
		assertThat(ZipRewrite.entry(file, "[Content_Types].xml")).doesNotContain("sharedStrings");

		assertThat(readAll(spec(file))).singleElement()
			.satisfies(row -> assertThat(row.value("text")).isEqualTo("inline ✓"));
	}

	@Test
	void cellLongerThanTheLimitRejectsItsRow() {
		Path file = ExcelFixtures.xlsx(dir.resolve("long.xlsx"), "data", List.of("id", "text"),
				List.of("1", "x".repeat(11)), List.of("2", "x".repeat(10)));

		List<SourceRow> rows = readAll(ExcelFixtures.withLimits(file, 10, 100));

		assertThat(rows.get(0).error()).contains("cell B2").contains("11 characters").contains("max-cell-chars");
		assertThat(rows.get(1).isValid()).isTrue();
	}

	@Test
	void valueOutsideTheHeaderColumnsRejectsItsRow() {
		Path file = ExcelFixtures.xlsx(dir.resolve("ragged.xlsx"), "data", List.of("id"), List.of("1", "stray"));

		assertThat(readAll(spec(file)).get(0).error()).contains("cell B2").contains("no header");
	}

	private static CellStyle style(Workbook workbook, String format) {
		CellStyle style = workbook.createCellStyle();
		style.setDataFormat(workbook.createDataFormat().getFormat(format));
		return style;
	}

	private static Row number(Sheet sheet, int index, String label, double value, CellStyle style) {
		Row row = row(sheet, index, label);
		Cell cell = row.createCell(1);
		cell.setCellValue(value);
		if (style != null) {
			cell.setCellStyle(style);
		}
		return row;
	}

	private static double dateSerial(Workbook workbook, LocalDateTime moment) {
		return org.apache.poi.ss.usermodel.DateUtil.getExcelDate(moment);
	}

}
