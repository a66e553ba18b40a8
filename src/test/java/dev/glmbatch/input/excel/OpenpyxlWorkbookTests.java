package dev.glmbatch.input.excel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.SourceRow;

import static dev.glmbatch.input.excel.ExcelFixtures.readAll;
import static dev.glmbatch.input.excel.ExcelFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workbooks as openpyxl writes them, and pandas through it ({@code DataFrame.to_excel}):
 * formulas are stored without a cached value ({@code <f>1+2</f><v/>}, or {@code <v></v>}
 * when lxml is installed), because openpyxl never computes them. Such a cell has no value
 * and reads as empty; the file is not refused. The packages are built here part by part
 * in openpyxl's shape: shared strings for text, {@code t="n"} numbers, absolute
 * relationship targets, no cached values.
 */
class OpenpyxlWorkbookTests {

	private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

	private static final String REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

	@TempDir
	Path dir;

	@ParameterizedTest(name = "empty cached value written as {0}")
	@ValueSource(strings = { "<v />", "<v></v>", "<v/>" })
	void formulaWithoutCachedValueReadsAsEmptyAndTheFileIsRead(String emptyValue) throws IOException {
		Path file = openpyxlWorkbook(dir.resolve("openpyxl.xlsx"), emptyValue);

		assertThat(InputFiles.inspect(spec(file)).dataRows()).isEqualTo(3);
		List<SourceRow> rows = readAll(spec(file));

		assertThat(rows).extracting(SourceRow::columns)
			.containsExactly(columns("1", "Lamp", "", "12.5"), columns("2", "Desk", "", "TRUE"),
					columns("3", "Chair", "", "7"));
		assertThat(rows).allMatch(SourceRow::isValid);
	}

	@Test
	void pandasFrameWithAFormulaColumnAndItsIndexIsRead() throws IOException {
		// pandas writes its index as column A (header cell empty unless the index is
		// named) and bold, bordered headers
		Path file = pandasWorkbook(dir.resolve("pandas.xlsx"));

		List<SourceRow> rows = readAll(spec(file));

		assertThat(rows).extracting(SourceRow::columns)
			.containsExactly(Map.of("index", "0", "name", "Lamp", "doubled", ""),
					Map.of("index", "1", "name", "Desk", "doubled", ""));
	}

	private static Map<String, String> columns(String id, String name, String total, String price) {
		Map<String, String> columns = new LinkedHashMap<>();
		columns.put("id", id);
		columns.put("name", name);
		columns.put("total", total);
		columns.put("price", price);
		return columns;
	}

	/**
	 * {@code id, name, total, price}; {@code total} is a formula on every row, as
	 * openpyxl stores it.
	 */
	private static Path openpyxlWorkbook(Path file, String emptyValue) throws IOException {
		String sheet = sheet("A1:D4", row(1, s("A1", 0), s("B1", 1), s("C1", 2), s("D1", 3)),
				row(2, n("A2", "1"), s("B2", 4), formula("C2", "A2*2", emptyValue), n("D2", "12.5")),
				row(3, n("A3", "2"), "<c r=\"B3\" t=\"inlineStr\"><is><t>Desk</t></is></c>",
						formula("C3", "SUM(A3:A3)", emptyValue), "<c r=\"D3\" t=\"b\"><v>1</v></c>"),
				row(4, n("A4", "3"), s("B4", 5), formula("C4", "A4&amp;\"x\"", emptyValue), n("D4", "7")),
				// a row holding only a formula without value holds nothing: not a data
				// row
				row(5, formula("C5", "1+2", emptyValue)));
		return write(file, sheet, sharedStrings("id", "name", "total", "price", "Lamp", "Chair"));
	}

	private static Path pandasWorkbook(Path file) throws IOException {
		String header = "<c r=\"A1\" t=\"s\" s=\"1\"><v>0</v></c><c r=\"B1\" t=\"s\" s=\"1\"><v>1</v></c>"
				+ "<c r=\"C1\" t=\"s\" s=\"1\"><v>2</v></c>";
		String sheet = sheet("A1:C3", row(1, header),
				row(2, "<c r=\"A2\" t=\"n\" s=\"1\"><v>0</v></c>", s("B2", 3), formula("C2", "LEN(B2)*2", "<v></v>")),
				row(3, "<c r=\"A3\" t=\"n\" s=\"1\"><v>1</v></c>", s("B3", 4), formula("C3", "LEN(B3)*2", "<v></v>")));
		return write(file, sheet, sharedStrings("index", "name", "doubled", "Lamp", "Desk"));
	}

	private static String sheet(String dimension, String... rows) {
		return "<worksheet xmlns=\"" + MAIN + "\"><sheetPr><outlinePr summaryBelow=\"1\" summaryRight=\"1\"/>"
				+ "<pageSetUpPr/></sheetPr><dimension ref=\"" + dimension + "\"/><sheetViews><sheetView "
				+ "workbookViewId=\"0\"><selection activeCell=\"A1\" sqref=\"A1\"/></sheetView></sheetViews>"
				+ "<sheetFormatPr baseColWidth=\"8\" defaultRowHeight=\"15\"/><sheetData>" + String.join("", rows)
				+ "</sheetData><pageMargins left=\"0.75\" right=\"0.75\" top=\"1\" bottom=\"1\" header=\"0.5\" "
				+ "footer=\"0.5\"/></worksheet>";
	}

	private static String row(int number, String... cells) {
		return "<row r=\"" + number + "\">" + String.join("", cells) + "</row>";
	}

	private static String s(String reference, int index) {
		return "<c r=\"" + reference + "\" t=\"s\"><v>" + index + "</v></c>";
	}

	private static String n(String reference, String value) {
		return "<c r=\"" + reference + "\" t=\"n\"><v>" + value + "</v></c>";
	}

	private static String formula(String reference, String formula, String emptyValue) {
		return "<c r=\"" + reference + "\"><f>" + formula + "</f>" + emptyValue + "</c>";
	}

	private static String sharedStrings(String... strings) {
		StringBuilder xml = new StringBuilder("<sst xmlns=\"" + MAIN + "\" uniqueCount=\"" + strings.length + "\">");
		for (String string : strings) {
			xml.append("<si><t>").append(string).append("</t></si>");
		}
		return xml.append("</sst>").toString();
	}

	/**
	 * The package around one sheet, part for part as openpyxl writes it (no theme:
	 * openpyxl's is optional).
	 */
	private static Path write(Path file, String sheet, String sharedStrings) throws IOException {
		Map<String, String> parts = new LinkedHashMap<>();
		parts.put("docProps/app.xml", "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/"
				+ "extended-properties\"><Application>Microsoft Excel</Application></Properties>");
		parts.put("docProps/core.xml", "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
				+ "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>openpyxl"
				+ "</dc:creator></cp:coreProperties>");
		parts.put("xl/styles.xml", "<styleSheet xmlns=\"" + MAIN + "\"><fonts count=\"2\"><font><name val=\"Calibri\"/>"
				+ "<family val=\"2\"/><sz val=\"11\"/></font><font><b val=\"1\"/></font></fonts><fills count=\"2\">"
				+ "<fill><patternFill/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
				+ "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
				+ "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/>"
				+ "</cellStyleXfs><cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" "
				+ "pivotButton=\"0\" quotePrefix=\"0\" xfId=\"0\"/><xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" "
				+ "borderId=\"0\" applyFont=\"1\" applyAlignment=\"1\" pivotButton=\"0\" quotePrefix=\"0\" xfId=\"0\">"
				+ "<alignment horizontal=\"center\" vertical=\"top\"/></xf></cellXfs><cellStyles count=\"1\">"
				+ "<cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles><tableStyles count=\"0\" "
				+ "defaultTableStyle=\"TableStyleMedium9\" defaultPivotStyle=\"PivotStyleLight16\"/></styleSheet>");
		parts.put("xl/worksheets/sheet1.xml", sheet);
		parts.put("xl/workbook.xml", "<workbook xmlns=\"" + MAIN + "\"><workbookPr/><workbookProtection/><bookViews>"
				+ "<workbookView visibility=\"visible\" minimized=\"0\" showHorizontalScroll=\"1\" "
				+ "showVerticalScroll=\"1\" showSheetTabs=\"1\" tabRatio=\"600\" firstSheet=\"0\" activeTab=\"0\" "
				+ "autoFilterDateGrouping=\"1\"/></bookViews><sheets><sheet xmlns:r=\"" + REL + "\" name=\"Sheet1\" "
				+ "sheetId=\"1\" state=\"visible\" r:id=\"rId1\"/></sheets><definedNames/><calcPr calcId=\"124519\" "
				+ "fullCalcOnLoad=\"1\"/></workbook>");
		parts.put("xl/_rels/workbook.xml.rels",
				"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
						+ "relationships\"><Relationship Type=\"" + REL
						+ "/worksheet\" Target=\"/xl/worksheets/sheet1.xml\" " + "Id=\"rId1\"/><Relationship Type=\""
						+ REL + "/styles\" Target=\"styles.xml\" Id=\"rId2\"/>" + "<Relationship Type=\"" + REL
						+ "/sharedStrings\" Target=\"sharedStrings.xml\" Id=\"rId3\"/>" + "</Relationships>");
		parts.put("xl/sharedStrings.xml", sharedStrings);
		parts.put("_rels/.rels",
				"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
						+ "<Relationship Type=\"" + REL + "/officeDocument\" Target=\"xl/workbook.xml\" Id=\"rId1\"/>"
						+ "<Relationship Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
						+ "core-properties\" Target=\"docProps/core.xml\" Id=\"rId2\"/><Relationship Type=\"" + REL
						+ "/extended-properties\" Target=\"docProps/app.xml\" Id=\"rId3\"/></Relationships>");
		String sml = "application/vnd.openxmlformats-officedocument.spreadsheetml.";
		parts
			.put("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
					+ "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
					+ "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
					+ "<Override PartName=\"/xl/workbook.xml\" ContentType=\"" + sml + "sheet.main+xml\"/>"
					+ "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"" + sml + "worksheet+xml\"/>"
					+ "<Override PartName=\"/xl/styles.xml\" ContentType=\"" + sml + "styles+xml\"/>"
					+ "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"" + sml + "sharedStrings+xml\"/>"
					+ "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package."
					+ "core-properties+xml\"/><Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd."
					+ "openxmlformats-officedocument.extended-properties+xml\"/></Types>");
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			for (Map.Entry<String, String> part : parts.entrySet()) {
				zip.putNextEntry(new ZipEntry(part.getKey()));
				zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		return file;
	}

}
