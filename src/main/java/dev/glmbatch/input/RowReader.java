package dev.glmbatch.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Reads the data rows of one inspected input file, in file order. Contract shared by
 * every format:
 * <ul>
 * <li>it is created unopened; call {@link #open()} first and {@link #close()} at the
 * end;</li>
 * <li>{@link SourceRow#rowNumber()} counts data rows from 1 (blank rows are not counted)
 * and is stable across runs, so it can key staged results; {@link SourceRow#line()} is
 * the physical position where the row starts;</li>
 * <li>a malformed row that can be isolated comes back as a rejected {@link SourceRow}
 * (not an exception); a problem with the file as a whole, or a file that is no longer the
 * one inspected, raises {@link InputFormatException};</li>
 * <li>it keeps no restart state: a run that resumes reads the file again from its first
 * row and passes over the rows it has already staged, which are the one record of how far
 * it got;</li>
 * <li>it is not thread-safe: one reader per run, read from one thread.</li>
 * </ul>
 */
public abstract class RowReader implements RowSource {

	private final InputInspection inspection;

	/** Data rows returned since the file was opened: the row number of the last one. */
	private long rowsRead;

	protected RowReader(InputInspection inspection) {
		this.inspection = Objects.requireNonNull(inspection, "inspection");
	}

	protected InputInspection inspection() {
		return inspection;
	}

	/**
	 * Opens the file at its first data row.
	 * @throws InputFormatException when the file is not the one inspected
	 */
	@Override
	public void open() {
		rowsRead = 0;
		try {
			doOpen();
		}
		catch (IOException ex) {
			throw closeAfterFailure(
					new UncheckedIOException("Cannot open " + inspection.file() + ": " + ex.getMessage(), ex));
		}
		catch (RuntimeException ex) {
			throw closeAfterFailure(ex);
		}
	}

	/**
	 * Reads the next data row, or returns {@code null} after the last one (again on every
	 * later call).
	 * @throws InputFormatException when the file cannot be read as inspected
	 */
	@Override
	public @Nullable SourceRow read() throws IOException {
		SourceRow row = nextRow(rowsRead + 1);
		if (row == null) {
			return null;
		}
		rowsRead++;
		return row.isValid() ? withoutNul(row) : row;
	}

	@Override
	public void close() {
		try {
			doClose();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot close " + inspection.file() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Opens the file and checks that it is still the one inspected.
	 * @throws InputFormatException when it is not
	 */
	protected abstract void doOpen() throws IOException;

	/**
	 * Reads the next data row, numbered {@code rowNumber} (1-based), or returns
	 * {@code null} after the last one.
	 * @throws InputFormatException when the file cannot be read as inspected
	 */
	protected abstract @Nullable SourceRow nextRow(long rowNumber) throws IOException;

	/** Releases the file; called after a failed {@link #doOpen()} too. */
	protected abstract void doClose() throws IOException;

	/**
	 * A row with a NUL character (U+0000) in a value is rejected before any call: it is
	 * not text (CSV bytes, an escaped {@code _x0000_} in a workbook), and PostgreSQL
	 * cannot store it.
	 */
	private static SourceRow withoutNul(SourceRow row) {
		for (Map.Entry<String, String> column : row.columns().entrySet()) {
			if (column.getValue().indexOf('\u0000') >= 0) {
				return SourceRow.rejected(row.rowNumber(), row.line(), row.columns(),
						"line " + row.line() + ", column " + column.getKey()
								+ " holds a NUL character (U+0000), which is not text;" + " remove it from the file");
			}
		}
		return row;
	}

	private RuntimeException closeAfterFailure(RuntimeException failure) {
		try {
			doClose();
		}
		catch (IOException | RuntimeException ex) {
			failure.addSuppressed(ex);
		}
		return failure;
	}

}
