package dev.glmbatch.input.csv;

import java.util.List;

/**
 * One parsed, non-blank CSV record.
 *
 * @param line the physical line where the record starts
 * @param values the field values, exactly as in the file (unquoted and unescaped)
 */
record RawRecord(long line, List<String> values) {

	RawRecord {
		values = List.copyOf(values);
	}

}
