package dev.glmbatch.output.excel;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.testsupport.StrictOoxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Results written back into a copy of the input workbook keep everything else the
 * workbook had; the copy's kind (plain or macro-enabled) follows the output's name.
 */
class WorkbookWriteBackTests {

	private static final byte[] FAKE_VBA = "not really a VBA project".getBytes(StandardCharsets.US_ASCII);

	private static final String MACRO_WORKBOOK = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";

	private static final String PLAIN_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

	private static final String VBA_CONTENT_TYPE = "application/vnd.ms-office.vbaProject";

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

	@Test
	void macroEnabledInputWrittenToAnXlsmKeepsItsMacros() throws Exception {
		Path input = macroWorkbook(dir.resolve("in.xlsm"));
		Path output = dir.resolve("out.xlsm");

		writeOneResult(input, output);

		assertThat(entry(output, "[Content_Types].xml")).contains(MACRO_WORKBOOK).contains(VBA_CONTENT_TYPE);
		assertThat(entry(output, "xl/_rels/workbook.xml.rels")).contains("vbaProject");
		assertThat(bytes(output, "xl/vbaProject.bin")).isEqualTo(FAKE_VBA);
		try (InputStream in = Files.newInputStream(output); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			assertThat(workbook.getWorkbookType()).isEqualTo(XSSFWorkbookType.XLSM);
			assertThat(workbook.getSheet("data").getRow(0).getCell(1).getStringCellValue()).isEqualTo("name_fr");
			assertThat(workbook.getSheet("data").getRow(1).getCell(1).getStringCellValue()).isEqualTo("lampe");
		}
	}

	@Test
	void macroEnabledInputWrittenToAnXlsxIsAPlainWorkbookWithoutMacrosAndAWarning() throws Exception {
		Path input = macroWorkbook(dir.resolve("in.xlsm"));
		Path output = dir.resolve("out.xlsx");
		Logger logger = (Logger) LoggerFactory.getLogger(WorkbookWriteBack.class);
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		logs.start();
		logger.addAppender(logs);
		try {
			writeOneResult(input, output);
		}
		finally {
			logger.detachAppender(logs);
		}

		assertThat(entry(output, "[Content_Types].xml")).contains(PLAIN_WORKBOOK)
			.doesNotContain(MACRO_WORKBOOK)
			.doesNotContain(VBA_CONTENT_TYPE);
		assertThat(entry(output, "xl/_rels/workbook.xml.rels")).doesNotContain("vbaProject");
		assertThat(entryNames(output)).noneMatch(name -> name.toLowerCase(Locale.ROOT).contains("vba"));
		try (InputStream in = Files.newInputStream(output); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			assertThat(workbook.getWorkbookType()).isEqualTo(XSSFWorkbookType.XLSX);
			assertThat(workbook.isMacroEnabled()).isFalse();
			assertThat(workbook.getSheet("data").getRow(1).getCell(1).getStringCellValue()).isEqualTo("lampe");
		}
		assertThat(logs.list).anySatisfy(event -> {
			assertThat(event.getLevel()).isEqualTo(Level.WARN);
			assertThat(event.getFormattedMessage()).contains("in.xlsm").contains("without them").contains(".xlsm");
		});
	}

	@Test
	void plainInputWrittenToAnXlsmIsAMacroEnabledWorkbook() throws Exception {
		Path input = plainWorkbook(dir.resolve("in.xlsx"));
		Path output = dir.resolve("out.xlsm");

		writeOneResult(input, output);

		assertThat(entry(output, "[Content_Types].xml")).contains(MACRO_WORKBOOK);
		try (InputStream in = Files.newInputStream(output); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			assertThat(workbook.getSheet("data").getRow(1).getCell(1).getStringCellValue()).isEqualTo("lampe");
		}
	}

	@Test
	void strictWorkbookIsRefusedAsACopySourceAndOthersAreAccepted() throws Exception {
		Path transitional = plainWorkbook(dir.resolve("plain.xlsx"));
		Path strict = StrictOoxml.convert(transitional, dir.resolve("strict.xlsx"));

		assertThatThrownBy(() -> WorkbookWriteBack.requireCopyable(strict)).isInstanceOf(InputFormatException.class)
			.hasMessageStartingWith(strict.toString())
			.hasMessageContaining("Strict Open XML")
			.hasMessageContaining("save it as Excel Workbook (.xlsx)");
		assertThatCode(() -> WorkbookWriteBack.requireCopyable(transitional)).doesNotThrowAnyException();
		assertThatCode(() -> WorkbookWriteBack.requireCopyable(macroWorkbook(dir.resolve("macros.xlsm"))))
			.doesNotThrowAnyException();
	}

	/** A workbook with a sheet "data" (name: Lamp). */
	private static Path plainWorkbook(Path file) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
			fillData(workbook);
			workbook.write(out);
		}
		return file;
	}

	/**
	 * A macro-enabled workbook with a sheet "data" (name: Lamp) and a stand-in VBA
	 * project.
	 */
	private static Path macroWorkbook(Path file) throws IOException {
		try (XSSFWorkbook workbook = new XSSFWorkbook(XSSFWorkbookType.XLSM);
				OutputStream out = Files.newOutputStream(file)) {
			fillData(workbook);
			workbook.setVBAProject(new ByteArrayInputStream(FAKE_VBA));
			workbook.write(out);
		}
		assertThat(entry(file, "[Content_Types].xml")).contains(MACRO_WORKBOOK);
		assertThat(bytes(file, "xl/vbaProject.bin")).isEqualTo(FAKE_VBA);
		return file;
	}

	private static void fillData(XSSFWorkbook workbook) {
		Sheet data = workbook.createSheet("data");
		data.createRow(0).createCell(0).setCellValue("name");
		data.createRow(1).createCell(0).setCellValue("Lamp");
	}

	private static void writeOneResult(Path input, Path output) {
		try (WorkbookWriteBack writer = WorkbookWriteBack.open(input, "data", 1, List.of("name_fr"), output, true)) {
			writer.writeResults(2, List.of("lampe"));
			writer.publish();
		}
	}

	private static String entry(Path zip, String name) throws IOException {
		return new String(bytes(zip, name), StandardCharsets.UTF_8);
	}

	private static byte[] bytes(Path zip, String name) throws IOException {
		try (ZipFile file = new ZipFile(zip.toFile())) {
			ZipEntry entry = file.getEntry(name);
			assertThat(entry).as(name + " in " + zip.getFileName()).isNotNull();
			try (InputStream in = file.getInputStream(entry)) {
				return in.readAllBytes();
			}
		}
	}

	private static List<String> entryNames(Path zip) throws IOException {
		try (ZipFile file = new ZipFile(zip.toFile())) {
			return file.stream().map(ZipEntry::getName).toList();
		}
	}

}
