package dev.glmbatch.input;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One data row of an input file.
 *
 * @param rowNumber 1-based position among the data rows (the header is not counted); the
 * row's key for restart, staging and output order
 * @param line the physical line where the record starts in the file (1-based, header
 * included), for messages
 * @param columns values by header name, in header order
 * @param error why the row cannot be used (e.g. a ragged row), or {@code null} for a good
 * row; a row with an error is rejected, not processed
 */
public record SourceRow(long rowNumber, long line, Map<String, String> columns, @Nullable String error) {

	public SourceRow {
		if (rowNumber < 1) {
			throw new IllegalArgumentException("rowNumber must be >= 1, was " + rowNumber);
		}
		// keep column order
		columns = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(columns, "columns")));
	}

	public static SourceRow of(long rowNumber, long line, Map<String, String> columns) {
		return new SourceRow(rowNumber, line, columns, null);
	}

	public static SourceRow rejected(long rowNumber, long line, Map<String, String> columns, String error) {
		return new SourceRow(rowNumber, line, columns, error);
	}

	public boolean isValid() {
		return error == null;
	}

	/** The value of a column, or the empty string when the row lacks it. */
	public String value(String column) {
		return columns.getOrDefault(column, "");
	}

}
