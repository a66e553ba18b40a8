package dev.glmbatch.input.csv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.input.RowReader;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.InputSpec;

/**
 * Reads the data rows of a CSV file that {@link CsvInspector} has inspected, streaming
 * (nothing is held in memory). It refuses with {@link InputFormatException} a file on
 * disk that differs from the inspection: its size or header at open, its checksum at the
 * end of the file.
 * <p>
 * A row whose field count differs from the header's is returned as
 * {@link SourceRow#rejected rejected}, with the fields it does have mapped to the first
 * header names. Bytes that are not valid in the declared encoding and text that is not
 * valid CSV raise {@link InputFormatException}; inspection finds both before any row is
 * read.
 * <p>
 * Not thread-safe: use one instance per step execution, read from one thread (a
 * chunk-oriented step reads on the step thread even when items are processed
 * concurrently).
 */
public class CsvRowReader extends RowReader {

	private final InputSpec spec;

	private @Nullable ChecksumInputStream stream;

	private @Nullable CsvCursor cursor;

	private boolean verified;

	public CsvRowReader(InputSpec spec, InputInspection inspection) {
		super(inspection);
		this.spec = Objects.requireNonNull(spec, "spec");
	}

	@Override
	protected void doOpen() throws IOException {
		Path file = inspection().file();
		stream = ChecksumInputStream.open(file);
		long size = Files.size(file);
		if (size != inspection().sizeBytes()) {
			throw changedSinceInspection("its size was " + inspection().sizeBytes() + " bytes and is now " + size);
		}
		cursor = CsvCursor.open(file, stream, spec.encoding(), inspection().delimiter());
		verified = false;
		if (!cursor.header().equals(inspection().header())) {
			throw changedSinceInspection("its header is now " + cursor.listHeaders());
		}
	}

	@Override
	protected @Nullable SourceRow nextRow(long rowNumber) throws IOException {
		RawRecord record = openCursor().next();
		if (record == null) {
			verifyChecksumAtEnd();
			return null;
		}
		return toRow(rowNumber, record);
	}

	@Override
	protected void doClose() throws IOException {
		CsvCursor openCursor = cursor;
		ChecksumInputStream openStream = stream;
		cursor = null;
		stream = null;
		if (openCursor != null) {
			openCursor.close();
		}
		else if (openStream != null) {
			openStream.close();
		}
	}

	private SourceRow toRow(long rowNumber, RawRecord record) {
		List<String> header = inspection().header();
		List<String> values = record.values();
		Map<String, String> columns = new LinkedHashMap<>();
		for (int i = 0; i < Math.min(header.size(), values.size()); i++) {
			columns.put(header.get(i), values.get(i));
		}
		if (values.size() == header.size()) {
			return SourceRow.of(rowNumber, record.line(), columns);
		}
		String advice = values.size() > header.size()
				? "quote values that contain the delimiter " + CsvCursor.describe(inspection().delimiter())
				: "a value or a delimiter is missing";
		String error = "line " + record.line() + " has " + values.size() + (values.size() == 1 ? " field" : " fields")
				+ " but the header has " + header.size() + "; " + advice;
		return SourceRow.rejected(rowNumber, record.line(), columns, error);
	}

	private void verifyChecksumAtEnd() throws IOException {
		ChecksumInputStream open = stream;
		if (verified || open == null) {
			return;
		}
		verified = true;
		open.drain();
		String now = open.sha256Hex();
		if (!now.equals(inspection().sha256())) {
			throw changedSinceInspection("its checksum was " + inspection().sha256() + " and is now " + now);
		}
	}

	private CsvCursor openCursor() {
		CsvCursor open = cursor;
		if (open == null) {
			throw new IllegalStateException("the reader of " + inspection().file() + " is not open");
		}
		return open;
	}

	private InputFormatException changedSinceInspection(String evidence) {
		return new InputFormatException(inspection().file(), 0, null, -1,
				"the input file changed while the run was using it (" + evidence + ")",
				"Leave the input file unchanged while a run uses it, then run again");
	}

}
