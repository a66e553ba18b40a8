package dev.glmbatch.output;

import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.glmbatch.output.csv.CsvTableWriter;
import dev.glmbatch.output.excel.CellLimit;
import dev.glmbatch.output.excel.XlsxTableWriter;
import dev.glmbatch.output.jsonl.JsonlWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Awkward strings written to CSV, XLSX and JSONL read back equal, modulo the documented
 * neutralisation: in CSV a formula-like value gets a leading apostrophe; in XLSX it is a
 * text cell marked "quote prefix"; JSONL keeps it as it is.
 */
class OutputRoundTripTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path dir;

	/**
	 * A table of one row, {@code 1} and the value, written and published by the writer
	 * opened on the file.
	 */
	private Path oneRow(String name, Function<Path, TableWriter> open, String value) {
		Path file = dir.resolve(name);
		try (TableWriter writer = open.apply(file)) {
			writer.writeRow(List.of("1", value));
			writer.publish();
		}
		return file;
	}

	static Stream<String> awkward() {
		return Stream.of("", "plain", "with \"quotes\"", "a, b; c", "line one\nline two", "crlf\r\ninside", "日本語のテキスト",
				"emoji 😀👍🏽", "עברית ومعها العربية", "=SUM(A1:A9)", "+1 555", "-3", "@cmd", "\tTAB first",
				"\rCR first", "x".repeat(CellLimit.MAX_CHARS), "tail space ");
	}

	@ParameterizedTest
	@MethodSource("awkward")
	void csvReadsBackEqualWithFormulaLikeValuesQuoted(String value) throws Exception {
		Path file = oneRow("out.csv", target -> CsvTableWriter.open(target, List.of("id", "value"), true), value);

		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			List<CSVRecord> records = CSVFormat.RFC4180.parse(reader).getRecords();
			assertThat(records).hasSize(2);
			assertThat(records.get(1).get(1)).isEqualTo(FormulaGuard.quote(value));
		}
		assertThat(FormulaGuard.quote(value).startsWith("'")).isEqualTo(FormulaGuard.isRisky(value));
	}

	@ParameterizedTest
	@MethodSource("awkward")
	void xlsxReadsBackEqualAsTextCells(String value) throws Exception {
		Path file = oneRow("out.xlsx", target -> XlsxTableWriter.open(target, List.of("id", "value"), true), value);

		try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			Cell cell = workbook.getSheet("results").getRow(1).getCell(1);
			assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
			assertThat(cell.getStringCellValue()).isEqualTo(value);
			assertThat(cell.getCellStyle().getQuotePrefixed()).isEqualTo(FormulaGuard.isRisky(value));
		}
	}

	@ParameterizedTest
	@MethodSource("awkward")
	void jsonlReadsBackEqualOneObjectPerLine(String value) throws Exception {
		Path file = dir.resolve("out.jsonl");
		try (JsonlWriter writer = JsonlWriter.open(file)) {
			writer.write(Map.of("value", value));
			writer.write(Map.of("value", "second"));
			writer.publish();
		}

		byte[] bytes = Files.readAllBytes(file);
		assertThat(bytes[0]).isEqualTo((byte) '{');
		String text = new String(bytes, StandardCharsets.UTF_8);
		assertThat(text).endsWith("\n").doesNotStartWith("[");
		String[] lines = text.split("\n", -1);
		assertThat(lines).hasSize(3);
		assertThat(json.readTree(lines[0]).get("value").asString()).isEqualTo(value);
		assertThat(json.readTree(lines[1]).get("value").asString()).isEqualTo("second");
	}

	@Test
	void valueOverTheExcelCellLimitIsCutWithAMarkerInXlsxAndKeptWholeElsewhere() throws Exception {
		String huge = "y".repeat(40_000);
		Path xlsx = dir.resolve("huge.xlsx");
		Path jsonl = dir.resolve("huge.jsonl");
		try (XlsxTableWriter writer = XlsxTableWriter.open(xlsx, List.of("value"), true);
				JsonlWriter lines = JsonlWriter.open(jsonl)) {
			writer.writeRow(List.of(huge));
			lines.write(Map.of("value", huge));
			writer.publish();
			lines.publish();
		}

		try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			String cut = workbook.getSheet("results").getRow(1).getCell(0).getStringCellValue();
			assertThat(cut).hasSize(CellLimit.MAX_CHARS).endsWith("[truncated: 40000 characters]").startsWith("yyy");
		}
		JsonNode line = json.readTree(Files.readString(jsonl).strip());
		assertThat(line.get("value").asString()).isEqualTo(huge);
	}

	@Test
	void xlsxHasBoldFrozenFilteredHeaderAndAFailuresSheetWithNumbers() throws Exception {
		Path file = dir.resolve("layout.xlsx");
		try (XlsxTableWriter writer = XlsxTableWriter.open(file, List.of("sku", "name_fr"), true)) {
			writer.writeRow(List.of("P1", "Lampe"));
			writer.writeRow(List.of("P2", "long ".repeat(40)));
			writer.writeFailure(3, 4, "name_fr: the answer was empty", 2);
			writer.publish();
		}

		try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			assertThat(workbook.getSheetName(0)).isEqualTo("results");
			Sheet results = workbook.getSheet("results");
			assertThat(workbook.getFontAt(results.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold())
				.isTrue();
			assertThat(results.getPaneInformation().isFreezePane()).isTrue();
			assertThat(results.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
			assertThat(((org.apache.poi.xssf.usermodel.XSSFSheet) results).getCTWorksheet().getAutoFilter().getRef())
				.isEqualTo("A1:B3");
			assertThat(results.getRow(2).getCell(1).getCellStyle().getWrapText()).isTrue();
			assertThat(results.getColumnWidth(1)).isGreaterThan(results.getColumnWidth(0));
			Sheet failures = workbook.getSheet("failures");
			assertThat(failures.getRow(1).getCell(0).getNumericCellValue()).isEqualTo(3);
			assertThat(failures.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(4);
			assertThat(failures.getRow(1).getCell(2).getStringCellValue()).isEqualTo("name_fr: the answer was empty");
			assertThat(failures.getRow(1).getCell(3).getNumericCellValue()).isEqualTo(2);
		}
	}

	@Test
	void newWorkbookNamedXlsmIsMacroEnabledAndOneNamedXlsxIsPlain() throws Exception {
		for (String name : List.of("new.xlsm", "new.xlsx")) {
			Path file = dir.resolve(name);
			try (XlsxTableWriter writer = XlsxTableWriter.open(file, List.of("sku"), true)) {
				writer.writeRow(List.of("P1"));
				writer.publish();
			}

			try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
				assertThat(workbook.getWorkbookType()).as(name)
					.isEqualTo(name.endsWith(".xlsm") ? XSSFWorkbookType.XLSM : XSSFWorkbookType.XLSX);
				assertThat(workbook.getSheet("results").getRow(1).getCell(0).getStringCellValue()).isEqualTo("P1");
			}
		}
	}

	@Test
	void formulaGuardOffWritesValuesAsTheyAre() throws Exception {
		Path csv = dir.resolve("raw.csv");
		Path xlsx = dir.resolve("raw.xlsx");
		try (CsvTableWriter writer = CsvTableWriter.open(csv, List.of("v"), false);
				XlsxTableWriter sheet = XlsxTableWriter.open(xlsx, List.of("v"), false)) {
			writer.writeRow(List.of("=1+1"));
			sheet.writeRow(List.of("=1+1"));
			writer.publish();
			sheet.publish();
		}

		assertThat(Files.readString(csv)).isEqualTo("v\r\n=1+1\r\n");
		try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			Cell cell = workbook.getSheetAt(0).getRow(1).getCell(0);
			assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
			assertThat(cell.getCellStyle().getQuotePrefixed()).isFalse();
		}
	}

	@Test
	void unpublishedWriterLeavesNoFileBehind() {
		Path file = dir.resolve("never.xlsx");
		try (XlsxTableWriter writer = XlsxTableWriter.open(file, List.of("v"), true)) {
			writer.writeRow(List.of("x"));
		}

		assertThat(dir).isEmptyDirectory();
	}

}
