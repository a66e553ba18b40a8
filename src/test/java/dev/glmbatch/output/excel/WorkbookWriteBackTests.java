package dev.glmbatch.output.excel;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** Results written back into a copy of the input workbook keep everything else the workbook had. */
class WorkbookWriteBackTests {

	@TempDir
	Path dir;

	@Test
	void resultColumnsGoBesideTheSourceColumnsAndTheRestIsKept() throws Exception {
		Path input = dir.resolve("in.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(input)) {
			Sheet cover = workbook.createSheet("cover");
			cover.createRow(0).createCell(0).setCellValue("read me");
			Sheet data = workbook.createSheet("data");
			Row header = data.createRow(0);
			header.createCell(0).setCellValue("name");
			header.createCell(1).setCellValue("price");
			header.createCell(2).setCellValue("gross");
			for (int i = 1; i <= 3; i++) {
				Row row = data.createRow(i);
				row.createCell(0).setCellValue("item " + i);
				row.createCell(1).setCellValue(i * 10);
				row.createCell(2).setCellFormula("B" + (i + 1) + "*1.2");
			}
			workbook.write(out);
		}
		byte[] before = Files.readAllBytes(input);
		Path output = dir.resolve("out.xlsx");

		try (WorkbookWriteBack writer = WorkbookWriteBack.open(input, "data", 1, List.of("name_fr"), output, true)) {
			writer.writeResults(2, List.of("article 1"));
			writer.writeResults(4, List.of("=article 3"));
			writer.writeFailure(2, 3, "name_fr: refused", 1);
			writer.publish();
		}

		assertThat(Files.readAllBytes(input)).isEqualTo(before);
		try (InputStream in = Files.newInputStream(output); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			assertThat(workbook.getSheetName(0)).isEqualTo("cover");
			assertThat(workbook.getSheet("cover").getRow(0).getCell(0).getStringCellValue()).isEqualTo("read me");
			Sheet data = workbook.getSheet("data");
			assertThat(data.getRow(0).getCell(3).getStringCellValue()).isEqualTo("name_fr");
			assertThat(data.getRow(1).getCell(3).getStringCellValue()).isEqualTo("article 1");
			assertThat(data.getRow(2).getCell(3)).isNull();
			assertThat(data.getRow(3).getCell(3).getStringCellValue()).isEqualTo("=article 3");
			assertThat(data.getRow(3).getCell(3).getCellStyle().getQuotePrefixed()).isTrue();
			assertThat(data.getRow(1).getCell(2).getCellType()).isEqualTo(CellType.FORMULA);
			assertThat(data.getRow(1).getCell(2).getCellFormula()).isEqualTo("B2*1.2");
			assertThat(workbook.getSheet("failures").getRow(1).getCell(2).getStringCellValue())
				.isEqualTo("name_fr: refused");
		}
	}

}
