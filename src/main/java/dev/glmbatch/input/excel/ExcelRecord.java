package dev.glmbatch.input.excel;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One data row of a sheet: its 1-based sheet row number, its values in header order, and
 * why it cannot be used (an error cell, an overlong cell, a value outside the header), or
 * {@code null}.
 */
record ExcelRecord(long line, List<String> values, @Nullable String error) {

	ExcelRecord {
		values = List.copyOf(values);
	}

}
