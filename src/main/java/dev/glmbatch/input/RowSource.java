package dev.glmbatch.input;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

/**
 * Data rows in row order, read once from {@link #open()} to {@link #close()}: an input
 * file ({@link RowReader}), or the rows of a distributed run that its manager loaded into
 * the state database. Not thread-safe.
 */
public interface RowSource extends AutoCloseable {

	/** Starts at the first row. */
	void open();

	/**
	 * Reads the next row, or returns {@code null} after the last one (again on every
	 * later call).
	 */
	@Nullable SourceRow read() throws IOException;

	@Override
	void close();

}
