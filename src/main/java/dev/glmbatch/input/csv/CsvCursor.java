package dev.glmbatch.input.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.jobdef.MessageText;

/**
 * Walks the records of a CSV file once, forward only: strict decoding, {@code sep=} line,
 * delimiter, header checks, blank-line skipping and physical line numbers. Shared by
 * inspection and reading so that both see exactly the same records. Owns and closes the
 * stream it is given. Not thread-safe.
 */
final class CsvCursor implements Closeable {

	/**
	 * Most characters one record (all its fields) may take; far above any model context.
	 */
	static final int MAX_RECORD_CHARS = 1024 * 1024;

	private static final Logger log = LoggerFactory.getLogger(CsvCursor.class);

	private static final int MAX_HEADERS_SHOWN = 50;

	// Commons CSV reports format errors only as text; the test suite pins these messages
	private static final Pattern UNCLOSED_QUOTE = Pattern
		.compile("\\(startline (\\d+)\\) EOF reached before encapsulated token finished");

	private static final String TEXT_AFTER_QUOTE = "Invalid character between encapsulated token and delimiter";

	private final Path file;

	private final StrictTextReader text;

	private final RecordLengthGuard guard;

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	private final long consumedLines;

	private final char delimiter;

	private final List<String> header;

	private final long headerLine;

	private CsvCursor(Path file, StrictTextReader text, @Nullable Character delimiter, int maxRecordChars)
			throws IOException {
		this.file = file;
		this.text = text;
		CsvPreamble preamble = CsvPreamble.read(text, delimiter == null, maxRecordChars);
		this.consumedLines = preamble.consumedLines();
		this.delimiter = chooseDelimiter(delimiter, preamble);
		this.guard = new RecordLengthGuard(new PrefixedReader(preamble.replay(), text), file, maxRecordChars);
		this.parser = CSVParser.builder().setReader(guard).setFormat(format(this.delimiter)).get();
		this.records = parser.iterator();
		RawRecord first = next();
		if (first == null) {
			throw new InputFormatException(file, 0, null, -1, "the file is empty",
					"Check that the job points at the right file; a CSV input needs a header line and data rows");
		}
		this.header = first.values();
		this.headerLine = first.line();
		checkHeader();
	}

	/**
	 * Opens a cursor positioned after the header.
	 * @param delimiter the delimiter to use, or {@code null} to honour a {@code sep=}
	 * line or detect it
	 * @throws InputFormatException when the file is empty, the delimiter is unusable or
	 * the header is bad
	 */
	static CsvCursor open(Path file, InputStream in, Charset charset, @Nullable Character delimiter) {
		return open(file, in, charset, delimiter, MAX_RECORD_CHARS);
	}

	static CsvCursor open(Path file, InputStream in, Charset charset, @Nullable Character delimiter,
			int maxRecordChars) {
		StrictTextReader text = new StrictTextReader(file, in, charset);
		try {
			return new CsvCursor(file, text, delimiter, maxRecordChars);
		}
		catch (IOException | RuntimeException ex) {
			try {
				text.close();
			}
			catch (IOException closing) {
				ex.addSuppressed(closing);
			}
			if (ex instanceof IOException io) {
				throw new UncheckedIOException(io);
			}
			throw (RuntimeException) ex;
		}
	}

	char delimiter() {
		return delimiter;
	}

	List<String> header() {
		return header;
	}

	long headerLine() {
		return headerLine;
	}

	/**
	 * The next record that is not blank, or {@code null} at the end of the file. A blank
	 * record is an empty line or a single field holding only spaces and tabs.
	 * @throws InputFormatException when the text is not valid CSV or not valid in the
	 * charset
	 */
	@Nullable RawRecord next() {
		while (true) {
			long line = parser.getCurrentLineNumber() + 1 + consumedLines;
			guard.startRecord(line);
			CSVRecord record;
			try {
				if (!records.hasNext()) {
					return null;
				}
				record = records.next();
			}
			catch (UncheckedIOException ex) {
				// an UncheckedIOException always has its IOException as the cause
				throw translate(Objects.requireNonNull(ex.getCause()), line);
			}
			if (!isBlank(record)) {
				return new RawRecord(line, record.toList());
			}
		}
	}

	@Override
	public void close() throws IOException {
		try {
			parser.close();
		}
		finally {
			text.close();
		}
	}

	private char chooseDelimiter(@Nullable Character configured, CsvPreamble preamble) {
		Character declared = preamble.declaredDelimiter();
		char chosen;
		if (configured != null) {
			if (declared != null && !declared.equals(configured)) {
				throw new InputFormatException(file, 1, null, -1,
						"the file declares the delimiter " + describe(declared) + " (sep= line) but the job sets "
								+ describe(configured),
						"Remove the delimiter from the job file, or correct the sep= line");
			}
			chosen = configured;
		}
		else if (declared != null) {
			chosen = declared;
		}
		else {
			chosen = preamble.detectedDelimiter();
			if (preamble.ambiguous()) {
				log.warn("Cannot tell the delimiter of {} from its header line; using {}. Set the delimiter in the "
						+ "job file if this is wrong", file, describe(chosen));
			}
			else {
				log.debug("Detected delimiter {} in {}", describe(chosen), file);
			}
		}
		if (chosen == '"' || chosen == '\r' || chosen == '\n') {
			throw new InputFormatException(file, declared != null ? 1 : 0, null, -1,
					"the delimiter " + describe(chosen) + " cannot be used",
					"Use a comma, semicolon, tab or vertical bar as the delimiter");
		}
		return chosen;
	}

	private static CSVFormat format(char delimiter) {
		// everything explicit: values must come back exactly as written, and '#' lines
		// are data
		return CSVFormat.RFC4180.builder()
			.setDelimiter(delimiter)
			.setQuote('"')
			.setEscape((Character) null)
			.setCommentMarker((Character) null)
			.setIgnoreEmptyLines(false)
			.setIgnoreSurroundingSpaces(false)
			.setTrim(false)
			.setNullString(null)
			.setTrailingData(false)
			.setLenientEof(false)
			.get();
	}

	private void checkHeader() {
		for (int i = 0; i < header.size(); i++) {
			if (header.get(i).isBlank()) {
				throw new InputFormatException(file, headerLine, null, -1,
						"column " + (i + 1) + " of the header has no name; headers found: " + listHeaders(),
						"Give every column a unique, non-blank name in the first line");
			}
		}
		// in the order the names first appear, so the first repeated name is the one
		// reported
		Map<String, List<Integer>> positions = new LinkedHashMap<>();
		for (int i = 0; i < header.size(); i++) {
			positions.computeIfAbsent(header.get(i), name -> new ArrayList<>()).add(i + 1);
		}
		for (Map.Entry<String, List<Integer>> entry : positions.entrySet()) {
			String name = entry.getKey();
			List<Integer> at = entry.getValue();
			if (at.size() > 1) {
				throw new InputFormatException(file, headerLine, name, -1,
						"the header has the name '" + MessageText.cap(name) + "' more than once (columns "
								+ at.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("")
								+ "); headers found: " + listHeaders(),
						"Give every column a unique, non-blank name in the first line");
			}
		}
	}

	String listHeaders() {
		return listNames(header);
	}

	static String listNames(List<String> names) {
		StringJoiner shown = new StringJoiner(", ");
		names.stream().limit(MAX_HEADERS_SHOWN).forEach(name -> shown.add("'" + MessageText.cap(name) + "'"));
		if (names.size() > MAX_HEADERS_SHOWN) {
			shown.add("... (" + (names.size() - MAX_HEADERS_SHOWN) + " more)");
		}
		return shown.toString();
	}

	static String describe(char delimiter) {
		return delimiter == '\t' ? "TAB" : "'" + delimiter + "'";
	}

	private RuntimeException translate(IOException cause, long recordLine) {
		if (!(cause instanceof CSVException)) {
			return new UncheckedIOException("Cannot read " + file, cause);
		}
		String message = String.valueOf(cause.getMessage());
		Matcher unclosed = UNCLOSED_QUOTE.matcher(message);
		if (unclosed.find()) {
			long fieldLine = Long.parseLong(unclosed.group(1)) + consumedLines;
			return new InputFormatException(file, fieldLine, null, -1,
					"a quoted field starts on this line but its closing quote is missing (the file ends inside it)",
					"Add the closing quote (\"); a quote that is part of the text is written as two quotes (\"\")",
					cause);
		}
		if (message.contains(TEXT_AFTER_QUOTE)) {
			return new InputFormatException(file, parser.getCurrentLineNumber() + consumedLines, null, -1,
					"text follows the closing quote of a quoted field",
					"Quote the whole value and write each quote inside it as two quotes, e.g. \"say \"\"hi\"\"\"",
					cause);
		}
		return new InputFormatException(file, recordLine, null, -1,
				"the record starting on this line is not valid CSV (" + message + ")", "Check the quotes on this line",
				cause);
	}

	private static boolean isBlank(CSVRecord record) {
		return record.size() == 1 && record.get(0).chars().allMatch(c -> c == ' ' || c == '\t');
	}

}
