package dev.glmbatch.output;

import java.nio.file.Path;
import java.util.List;

/**
 * Writes a table to a temporary file beside its target and publishes it atomically:
 * readers of the target see the previous file or the complete new one, never a partial
 * one. Not thread-safe.
 */
public interface TableWriter extends AutoCloseable {

	void writeRow(List<String> values);

	/** Flushes, syncs and renames the temporary file onto the target. */
	Path publish();

	/** Deletes the temporary file if {@link #publish()} was not reached. */
	@Override
	void close();

}
