package dev.glmbatch.input.excel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.InputFormat;
import dev.glmbatch.jobdef.InputSpec;
import dev.glmbatch.testsupport.StrictOoxml;

import static dev.glmbatch.input.excel.ExcelFixtures.readAll;
import static dev.glmbatch.input.excel.ExcelFixtures.row;
import static dev.glmbatch.input.excel.ExcelFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workbook saved as "Strict Open XML Spreadsheet" reads like the same workbook in the
 * usual (transitional) form.
 */
class ExcelStrictTests {

	private static final String STRICT_MAIN = "http://purl.oclc.org/ooxml/spreadsheetml/main";

	@TempDir
	Path dir;

	private Path transitional;

	private Path strict;

	@BeforeEach
	void workbooks() {
		transitional = ExcelFixtures.xlsx(dir.resolve("transitional.xlsx"), workbook -> {
			CellStyle date = workbook.createCellStyle();
			date.setDataFormat(workbook.createDataFormat().getFormat("yyyy-mm-dd hh:mm"));
			Sheet products = workbook.createSheet("products");
			row(products, 0, "sku", "name", "price", "launched");
			Row first = row(products, 1, "00123", "Lamp");
			first.createCell(2).setCellValue(12.5);
			first.createCell(3).setCellValue(DateUtil.getExcelDate(LocalDateTime.of(2024, 3, 1, 0, 0)));
			first.getCell(3).setCellStyle(date);
			Row second = row(products, 2, "00124", "Lamp");
			second.createCell(2).setCellValue(7);
			second.createCell(3).setCellValue(DateUtil.getExcelDate(LocalDateTime.of(2024, 3, 1, 13, 45)));
			second.getCell(3).setCellStyle(date);
			Sheet notes = workbook.createSheet("notes");
			row(notes, 0, "note");
			row(notes, 1, "Lamp");
			row(notes, 2, "0042");
		});
		// strict allows dates as ISO 8601 text in a cell of type d: store the second one
		// that way
		strict = StrictOoxml.convert(transitional, dir.resolve("strict.xlsx"),
				(part, xml) -> part.equals("xl/worksheets/sheet1.xml")
						? xml.replaceFirst("<c r=\"D3\" t=\"n\"( s=\"\\d+\")><v>[^<]*</v>",
								"<c r=\"D3\" t=\"d\"$1><v>2024-03-01T13:45:00</v>")
						: xml);
	}

	@Test
	void fixtureIsInTheStrictForm() {
		String workbook = ZipRewrite.entry(strict, "xl/workbook.xml");
		String sheet = ZipRewrite.entry(strict, "xl/worksheets/sheet1.xml");

		assertThat(workbook).contains("conformance=\"strict\"").contains("xmlns=\"" + STRICT_MAIN + "\"");
		assertThat(ZipRewrite.entry(strict, "xl/_rels/workbook.xml.rels"))
			.contains("http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet")
			.doesNotContain("officeDocument/2006");
		assertThat(ZipRewrite.entry(strict, "_rels/.rels"))
			.contains("http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument");
		assertThat(sheet).contains(STRICT_MAIN).doesNotContain("spreadsheetml/2006").contains("t=\"d\"");
		assertThat(ZipRewrite.entry(strict, "xl/sharedStrings.xml")).contains(STRICT_MAIN);
	}

	@Test
	void strictWorkbookIsSniffedAndInspectedLikeTheTransitionalOne() {
		InputInspection inspection = InputFiles.inspect(spec(strict));

		assertThat(WorkbookSniffer.sniff(strict)).isEqualTo(InputFormat.XLSX);
		assertThat(inspection.header()).containsExactly("sku", "name", "price", "launched");
		assertThat(inspection.dataRows()).isEqualTo(2);
		assertThat(inspection.sheet()).isEqualTo("products");
	}

	@Test
	void strictWorkbookGivesTheSameValuesAsTheTransitionalOne() {
		List<SourceRow> rows = readAll(spec(strict));

		assertThat(rows).isEqualTo(readAll(spec(transitional)));
		assertThat(rows).extracting(
				row -> String.join("|", row.value("sku"), row.value("name"), row.value("price"), row.value("launched")))
			.containsExactly("00123|Lamp|12.5|2024-03-01", "00124|Lamp|7|2024-03-01T13:45:00");
	}

	@Test
	void sheetOfAStrictWorkbookIsChosenByName() {
		List<SourceRow> rows = readAll(spec(strict, "notes", 1, 2));

		assertThat(rows).isEqualTo(readAll(spec(transitional, "notes", 1, 2)));
		assertThat(rows).extracting(row -> row.value("note")).containsExactly("Lamp", "0042");
	}

	@Test
	void strictWorkbookUnderAnXlsNameIsReadAsTheWorkbookItIs() throws Exception {
		Path misnamed = Files.copy(strict, dir.resolve("strict.xls"));
		InputSpec declaredXls = new InputSpec(misnamed, InputFormat.XLS, StandardCharsets.UTF_8, null, null);

		assertThat(WorkbookSniffer.sniff(misnamed)).isEqualTo(InputFormat.XLSX);
		assertThat(readAll(declaredXls)).isEqualTo(readAll(spec(transitional)));
	}

}
