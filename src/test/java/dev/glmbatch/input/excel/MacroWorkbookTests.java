package dev.glmbatch.input.excel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.jobdef.InputFormat;

import static dev.glmbatch.input.excel.ExcelFixtures.readAll;
import static dev.glmbatch.input.excel.ExcelFixtures.row;
import static dev.glmbatch.input.excel.ExcelFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A macro-enabled workbook ({@code .xlsm}) reads like an {@code .xlsx}; its macros are
 * never run.
 */
class MacroWorkbookTests {

	@TempDir
	Path dir;

	@Test
	void xlsmIsSniffedInspectedAndReadLikeAnXlsx() {
		Path file = ExcelFixtures.write(dir.resolve("macros.xlsm"), new XSSFWorkbook(XSSFWorkbookType.XLSM),
				workbook -> {
					workbook.createSheet("readme").createRow(0).createCell(0).setCellValue("click the button");
					Sheet data = workbook.createSheet("data");
					row(data, 0, "sku", "name");
					row(data, 1, "00123", "Lamp");
					row(data, 2, "00124", "Desk");
					try {
						((XSSFWorkbook) workbook).setVBAProject(
								new ByteArrayInputStream("stand-in VBA project".getBytes(StandardCharsets.US_ASCII)));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
		assertThat(ZipRewrite.entry(file, "[Content_Types].xml")).contains("macroEnabled.main+xml")
			.contains("vbaProject");

		InputInspection inspection = InputFiles.inspect(spec(file, "data", 1, 2));

		assertThat(WorkbookSniffer.sniff(file)).isEqualTo(InputFormat.XLSX);
		assertThat(inspection.sheet()).isEqualTo("data");
		assertThat(inspection.header()).containsExactly("sku", "name");
		assertThat(inspection.dataRows()).isEqualTo(2);
		assertThat(readAll(spec(file, "data", 1, 2))).extracting(row -> row.value("sku") + "|" + row.value("name"))
			.containsExactly("00123|Lamp", "00124|Desk");
	}

}
