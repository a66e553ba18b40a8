package dev.glmbatch.jobdef;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
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
	 * Spreadsheet and database kinds that are not read, by extension: "add format: csv"
	 * would be wrong advice for them, so the message says how to convert them.
	 */
	private static final Map<String, String> UNREAD_KINDS = Map.of("xlsb", "an Excel Binary Workbook", "ods",
			"an OpenDocument spreadsheet", "fods", "an OpenDocument spreadsheet", "numbers",
			"an Apple Numbers document", "mdb", "a Microsoft Access database", "accdb", "a Microsoft Access database",
			"xlw", "an Excel 4.0 workbook");

	private static final Map<String, InputFormat> FORMATS_BY_EXTENSION = Map.of("csv", InputFormat.CSV, "tsv",
			InputFormat.CSV, "txt", InputFormat.CSV, "xlsx", InputFormat.XLSX, "xlsm", InputFormat.XLSX, "xls",
			InputFormat.XLS);

	private static final String DELIMITER_EXAMPLE = "delimiter: \";\"";

	private InputSpecBinder() {
	}

	/**
	 * @param pattern the section's input pattern, bound before by
	 * {@link InputPatternBinder}; when the section has one, the input path is the
	 * pattern's folder and the format comes from the pattern's extension
	 */
	static Bound<InputSpec> bind(YamlSection input, JobFolder folder, Bound<InputPattern> pattern) {
		if (input.has(FolderInputBinder.FOLDER)) {
			return FolderInputBinder.bind(input, folder);
		}
		input.allowOnly(KEYS);
		boolean byPattern = input.has("pattern");
		Bound<Path> path = byPattern ? pattern.map(InputPattern::folder)
				: input.requiredText("path", "path: ../input/products.csv")
					.then((written) -> folder.resolve(written, input.nodeOrSelf("path"), input));
		Bound<InputFormat> format = input.has("format")
				? input.choice("format", FORMATS, "a supported input format", "format: csv")
				: (byPattern ? pattern.map(InputPattern::glob) : path.map(Path::toString))
					.then((name) -> formatFromExtension(name, byPattern ? "pattern" : "path", input));
		Bound<Charset> encoding = encoding(input);
		Bound<Character> delimiter = delimiter(input);
		Bound<String> idColumn = input.text("id-column", "id-column: sku");
		Bound<String> sheet = input.text("sheet", "sheet: Products (or sheet: \"#2\" for the second sheet)");
		Bound<Integer> headerRow = input.integer("header-row", 1, MAX_SHEET_ROW - 1, 1);
		Bound<Integer> firstDataRow = firstDataRow(input, headerRow.orNull());
		Bound<Integer> maxCellChars = input.integer("max-cell-chars", 1, InputSpec.DEFAULT_MAX_CELL_CHARS,
				InputSpec.DEFAULT_MAX_CELL_CHARS);
		Bound<Integer> maxRows = input.integer("max-rows", 1, Integer.MAX_VALUE, (int) InputSpec.DEFAULT_MAX_ROWS);
		// an invalid pattern was reported beside this section, so the path is checked
		// apart
		return path.then((file) -> input
			.complete(() -> new InputSpec(file, format.get(), encoding.get(), delimiter.orNull(), idColumn.orNull(),
					sheet.orNull(), headerRow.get(), firstDataRow.get(), maxCellChars.get(), maxRows.get())));
	}

	/**
	 * The formats {@code format} can name: a folder is named by {@code folder}, not by a
	 * format.
	 */
	private static Map<String, InputFormat> fileFormats() {
		Map<String, InputFormat> formats = new LinkedHashMap<>(YamlSection.lowerCaseNames(InputFormat.class));
		formats.values().remove(InputFormat.FOLDER);
		return Collections.unmodifiableMap(formats);
	}

	private static Bound<Integer> firstDataRow(YamlSection input, @Nullable Integer headerRow) {
		return input.integer("first-data-row", 2, MAX_SHEET_ROW, (headerRow != null) ? headerRow + 1 : 2)
			.then((row) -> (headerRow == null || row > headerRow) ? Bound.of(row)
					: input.invalid("first-data-row",
							"the first data row " + row + " is not below the header row " + headerRow,
							"set first-data-row to " + (headerRow + 1) + " or more, or remove it"));
	}

	private static Bound<InputFormat> formatFromExtension(String path, String key, YamlSection input) {
		String extension = Extensions.of(path);
		InputFormat format = FORMATS_BY_EXTENSION.get(extension.toLowerCase(Locale.ROOT));
		String unread = UNREAD_KINDS.get(extension.toLowerCase(Locale.ROOT));
		if (format == null && unread != null) {
			return input.invalid(key, "the file is " + unread + " (." + extension + "), which is not read", unread
				.contains("Access")
						? "export the table from Access as Excel Workbook (.xlsx) or CSV, and point" + " " + key
								+ " at that file"
						: "open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx), or export the sheet"
								+ " as CSV, and point " + key + " at that file");
		}
		if (format == null) {
			String found = extension.isEmpty() ? "a file name without extension" : "the extension '." + extension + "'";
			return input.invalid(key, "cannot tell the input format from " + found,
					"add format: csv under input (supported formats: " + String.join(", ", FORMATS.keySet())
							+ "), or use a .csv, .tsv, .txt, .xlsx, .xlsm or .xls file");
		}
		return Bound.of(format);
	}

	private static Bound<Charset> encoding(YamlSection input) {
		return input.text("encoding", "encoding: UTF-8").then((name) -> {
			try {
				return Bound.of(Charset.forName(name.strip()));
			}
			catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
				return input.<Charset>invalid("encoding", "'" + name + "' is not a character encoding Java knows",
						"use an encoding name such as UTF-8, ISO-8859-1 or windows-1252");
			}
		}).orDefault(StandardCharsets.UTF_8);
	}

	/** No value both for "auto" and when absent. */
	private static Bound<Character> delimiter(YamlSection input) {
		return input.scalar("delimiter", DELIMITER_EXAMPLE).then((scalar) -> {
			String written = scalar.text();
			if (written.equalsIgnoreCase("auto")) {
				return Bound.absent();
			}
			if (written.equalsIgnoreCase("tab") || written.equals("\\t")) {
				return Bound.of('\t');
			}
			if (written.isEmpty()) {
				// a bare | or > opens a YAML block scalar, which comes out empty here
				return input.invalid(scalar, "the delimiter is empty",
						"write the character in quotes, e.g. " + DELIMITER_EXAMPLE + " or delimiter: \"|\", or auto");
			}
			if (written.length() != 1) {
				return input.invalid(scalar, "the delimiter '" + written + "' is not a single character",
						"write one character, e.g. " + DELIMITER_EXAMPLE + ", or tab, or auto to detect it");
			}
			char delimiter = written.charAt(0);
			if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
				return input.invalid(scalar, "a quote or a line break cannot separate fields",
						"use another character, e.g. " + DELIMITER_EXAMPLE + ", or auto to detect it");
			}
			return Bound.of(delimiter);
		});
	}

}
