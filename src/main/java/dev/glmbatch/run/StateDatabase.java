package dev.glmbatch.run;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Where run state lives.
 *
 * @param url the JDBC URL, without credentials
 * @param file the H2 database file, absolute, or {@code null} for a server database
 * @param exclusive whether an open connection proves that no other process uses the
 * database (H2 in file mode locks its file), so any run marked as running is known to be
 * dead
 */
public record StateDatabase(String url, @Nullable Path file, boolean exclusive) {

	public String describe() {
		return file != null ? file.toString() : url;
	}

}
