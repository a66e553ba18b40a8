package dev.glmbatch.input.csv;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Objects;

import dev.glmbatch.input.InputFormatException;

/**
 * Caps how much text one CSV record may take, so that a quoted field that is never closed
 * cannot pull the rest of a large file into memory. The parser reads through this reader;
 * the cursor marks where each record starts. This reader hands out at most {@link #CHUNK}
 * characters per call, so the parser's read-ahead is at most one chunk when a record
 * starts and when it grows: a record within the limit is never refused, and a longer one
 * is refused at the latest when it exceeds the limit by two chunks. Not thread-safe.
 */
final class RecordLengthGuard extends Reader {

	/** The most characters handed to the parser per call, which bounds its read-ahead. */
	static final int CHUNK = 1024;

	private final Reader in;

	private final Path file;

	private final int maxRecordChars;

	private long delivered;

	private long recordStart;

	private long recordLine;

	RecordLengthGuard(Reader in, Path file, int maxRecordChars) {
		this.in = Objects.requireNonNull(in, "in");
		this.file = file;
		this.maxRecordChars = maxRecordChars;
	}

	/**
	 * Marks that the parser is about to read the record starting on the given physical
	 * line.
	 */
	void startRecord(long line) {
		recordStart = delivered;
		recordLine = line;
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		if (delivered - recordStart > maxRecordChars) {
			throw new InputFormatException(file, recordLine, null, -1,
					"the record starting on this line is longer than " + maxRecordChars + " characters",
					"Check this line for a quote (\") that opens a field but is never closed: it makes the rest of "
							+ "the file one field. Values that long are not supported");
		}
		int read = in.read(buffer, offset, Math.min(length, CHUNK));
		if (read > 0) {
			delivered += read;
		}
		return read;
	}

	@Override
	public void close() throws IOException {
		in.close();
	}

}
