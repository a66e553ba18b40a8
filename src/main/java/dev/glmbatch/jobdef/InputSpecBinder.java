package dev.glmbatch.jobdef;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Binds the {@code input} section of a job file to an {@link InputSpec}. */
final class InputSpecBinder {

	static final List<String> KEYS = List.of("path", "pattern", "processed", "format", "encoding", "delimiter",
			"id-column", "sheet", "header-row", "first-data-row", "max-cell-chars", "max-rows");

	private static final int MAX_SHEET_ROW = 1_048_576;

	private static final Map<String, InputFormat> FORMATS = fileFormats();

	/**
	 * Spreadsheet and database kinds that are not read, by extension: "add format: csv" would be wrong advice for
	 * them, so the message says how to convert them.
	 */
	private static final Map<String, String> UNREAD_KINDS = Map.of("xlsb", "an Excel Binary Workbook", "ods",
			"an OpenDocument spreadsheet", "fods", "an OpenDocument spreadsheet", "numbers", "an Apple Numbers document",
			"mdb", "a Microsoft Access database", "accdb", "a Microsoft Access database", "xlw", "an Excel 4.0 workbook");

	private static final Map<String, InputFormat> FORMATS_BY_EXTENSION = Map.of("csv", InputFormat.CSV, "tsv",
			InputFormat.CSV, "txt", InputFormat.CSV, "xlsx", InputFormat.XLSX, "xlsm", InputFormat.XLSX, "xls",
			InputFormat.XLS);

	private static final String DELIMITER_EXAMPLE = "delimiter: \";\"";

	private InputSpecBinder() {
	}

	/**
	 * @param pattern the section's input pattern, bound before by {@link InputPatternBinder}, or {@code null}; when
	 * given, the input path is the pattern's folder and the format comes from the pattern's extension
	 */
	static @Nullable InputSpec bind(YamlSection input, JobFolder folder, @Nullable InputPattern pattern,
			Problems problems) {
		if (input.has(FolderInputBinder.FOLDER)) {
			return FolderInputBinder.bind(input, folder, problems);
		}
		int before = problems.count();
		input.allowOnly(KEYS);
		Path path;
		String nameForFormat;
		if (input.has("pattern")) {
			path = (pattern != null) ? pattern.folder() : null;
			nameForFormat = (pattern != null) ? pattern.glob() : null;
		}
		else {
			String written = input.text("path", true, "path: ../input/products.csv");
			path = (written != null) ? folder.resolve(written, input.nodeOrSelf("path"), problems) : null;
			nameForFormat = (path != null) ? path.toString() : null;
		}
		String formatKey = input.has("pattern") ? "pattern" : "path";
		InputFormat format = input.has("format")
				? input.choice("format", FORMATS, null, "a supported input format", "format: csv")
				: formatFromExtension(nameForFormat, formatKey, input, problems);
		Charset encoding = encoding(input, problems);
		Character delimiter = delimiter(input, problems);
		String idColumn = input.text("id-column", false, "id-column: sku");
		String sheet = input.text("sheet", false, "sheet: Products (or sheet: \"#2\" for the second sheet)");
		Integer headerRow = input.integer("header-row", 1, MAX_SHEET_ROW - 1, 1);
		Integer firstDataRow = input.integer("first-data-row", 2, MAX_SHEET_ROW,
				(headerRow != null) ? headerRow + 1 : 2);
		if (headerRow != null && firstDataRow != null && firstDataRow <= headerRow) {
			problems.add(input.nodeOrSelf("first-data-row"),
					"the first data row " + firstDataRow + " is not below the header row " + headerRow,
					"set first-data-row to " + (headerRow + 1) + " or more, or remove it");
		}
		Integer maxCellChars = input.integer("max-cell-chars", 1, InputSpec.DEFAULT_MAX_CELL_CHARS,
				InputSpec.DEFAULT_MAX_CELL_CHARS);
		Integer maxRows = input.integer("max-rows", 1, Integer.MAX_VALUE, (int) InputSpec.DEFAULT_MAX_ROWS);
		if (problems.count() > before || path == null || format == null || encoding == null || headerRow == null
				|| firstDataRow == null || maxCellChars == null || maxRows == null) {
			return null;
		}
		return new InputSpec(path, format, encoding, delimiter, idColumn, sheet, headerRow, firstDataRow,
				maxCellChars, maxRows);
	}

	/** The formats {@code format} can name: a folder is named by {@code folder}, not by a format. */
	private static Map<String, InputFormat> fileFormats() {
		Map<String, InputFormat> formats = new java.util.LinkedHashMap<>(YamlSection.lowerCaseNames(InputFormat.class));
		formats.values().remove(InputFormat.FOLDER);
		return java.util.Collections.unmodifiableMap(formats);
	}

	private static @Nullable InputFormat formatFromExtension(@Nullable String path, String key, YamlSection input,
			Problems problems) {
		if (path == null) {
			return null;
		}
		String extension = Extensions.of(path);
		InputFormat format = FORMATS_BY_EXTENSION.get(extension.toLowerCase(Locale.ROOT));
		String unread = UNREAD_KINDS.get(extension.toLowerCase(Locale.ROOT));
		if (format == null && unread != null) {
			problems.add(input.nodeOrSelf(key), "the file is " + unread + " (." + extension + "), which is not read",
					unread.contains("Access") ? "export the table from Access as Excel Workbook (.xlsx) or CSV, and point"
							+ " " + key + " at that file"
							: "open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx), or export the sheet"
									+ " as CSV, and point " + key + " at that file");
			return null;
		}
		if (format == null) {
			String found = extension.isEmpty() ? "a file name without extension" : "the extension '." + extension + "'";
			problems.add(input.nodeOrSelf(key), "cannot tell the input format from " + found,
					"add format: csv under input (supported formats: " + String.join(", ", FORMATS.keySet())
							+ "), or use a .csv, .tsv, .txt, .xlsx, .xlsm or .xls file");
		}
		return format;
	}

	private static @Nullable Charset encoding(YamlSection input, Problems problems) {
		if (!input.has("encoding")) {
			return StandardCharsets.UTF_8;
		}
		String name = input.text("encoding", false, "encoding: UTF-8");
		if (name == null) {
			return null;
		}
		try {
			return Charset.forName(name.strip());
		}
		catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
			problems.add(input.nodeOrSelf("encoding"), "'" + name + "' is not a character encoding Java knows",
					"use an encoding name such as UTF-8, ISO-8859-1 or windows-1252");
			return null;
		}
	}

	/** {@code null} both for "auto" and for an invalid value; the latter is recorded as a problem. */
	private static @Nullable Character delimiter(YamlSection input, Problems problems) {
		YamlScalar scalar = input.scalar("delimiter", DELIMITER_EXAMPLE);
		if (scalar == null) {
			return null;
		}
		String written = scalar.text();
		if (written.equalsIgnoreCase("auto")) {
			return null;
		}
		if (written.equalsIgnoreCase("tab") || written.equals("\\t")) {
			return '\t';
		}
		if (written.isEmpty()) {
			// a bare | or > opens a YAML block scalar, which comes out empty here
			problems.add(scalar, "the delimiter is empty",
					"write the character in quotes, e.g. " + DELIMITER_EXAMPLE + " or delimiter: \"|\", or auto");
			return null;
		}
		if (written.length() != 1) {
			problems.add(scalar, "the delimiter '" + written + "' is not a single character",
					"write one character, e.g. " + DELIMITER_EXAMPLE + ", or tab, or auto to detect it");
			return null;
		}
		char delimiter = written.charAt(0);
		if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
			problems.add(scalar, "a quote or a line break cannot separate fields",
					"use another character, e.g. " + DELIMITER_EXAMPLE + ", or auto to detect it");
			return null;
		}
		return delimiter;
	}

}
