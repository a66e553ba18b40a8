package dev.glmbatch.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads back the CSV files a run writes (UTF-8, RFC 4180, a header line), for assertions
 * on what landed in them.
 */
public final class CsvFiles {

	private CsvFiles() {
	}

	/** The data rows in file order, each keyed by the header. */
	public static List<Map<String, String>> rows(Path csv) throws IOException {
		List<Map<String, String>> rows = new ArrayList<>();
		for (CSVRecord record : records(csv)) {
			rows.add(record.toMap());
		}
		return rows;
	}

	/** The values of one column in file order. */
	public static List<String> column(Path csv, String name) throws IOException {
		List<String> values = new ArrayList<>();
		for (CSVRecord record : records(csv)) {
			values.add(record.get(name));
		}
		return values;
	}

	/**
	 * {@code prefix1} to {@code prefixN}: the ids of the rows the fixtures write, in
	 * input order.
	 * @see TranslationJobFixture
	 * @see SweepJobFixture#drop(String, String, int)
	 */
	public static List<String> numbered(String prefix, int count) {
		List<String> ids = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			ids.add(prefix + i);
		}
		return ids;
	}

	private static List<CSVRecord> records(Path csv) throws IOException {
		String text = Files.readString(csv, StandardCharsets.UTF_8);
		// a byte order mark (output.bom: true) is no part of the first column's name, as
		// for a spreadsheet
		try (Reader reader = new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
		}
	}

}
