package dev.glmbatch.input;

import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

import dev.glmbatch.jobdef.InputSpec;
import org.jspecify.annotations.Nullable;

/**
 * The data rows of an inspected input for a pass that reads them all once, in file order,
 * outside a run ({@code validate}, {@code estimate}): opened on creation, closed by
 * {@link #close()}, iterated once. A file that cannot be read surfaces as an unchecked
 * exception naming it. Not thread-safe.
 */
public final class InputRows implements Iterable<SourceRow>, AutoCloseable {

	private final InputSpec spec;

	private final RowReader reader;

	private boolean iterated;

	private InputRows(InputSpec spec, RowReader reader) {
		this.spec = spec;
		this.reader = reader;
	}

	/**
	 * Opens the input at its first data row.
	 * @param spec the spec that was inspected
	 * @param inspection the result of {@link InputFiles#inspect} on the file as it is now
	 * @throws InputFormatException when the file is no longer the one inspected
	 */
	public static InputRows open(InputSpec spec, InputInspection inspection) {
		RowReader reader = InputFiles.openReader(spec, inspection);
		reader.open();
		return new InputRows(spec, reader);
	}

	/**
	 * The rows, valid and rejected alike.
	 * @throws InputFormatException from {@code next()}, when the file cannot be read as
	 * inspected
	 * @throws IllegalStateException from {@code next()}, when it cannot be read at all
	 * @throws IllegalStateException when called a second time
	 */
	@Override
	public Iterator<SourceRow> iterator() {
		if (iterated) {
			throw new IllegalStateException("the rows of " + spec.path() + " are read once");
		}
		iterated = true;
		return new Iterator<>() {

			private @Nullable SourceRow next = read();

			@Override
			public boolean hasNext() {
				return next != null;
			}

			@Override
			public SourceRow next() {
				SourceRow row = next;
				if (row == null) {
					throw new NoSuchElementException();
				}
				next = read();
				return row;
			}

		};
	}

	private @Nullable SourceRow read() {
		try {
			return reader.read();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + spec.path() + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		reader.close();
	}

}
