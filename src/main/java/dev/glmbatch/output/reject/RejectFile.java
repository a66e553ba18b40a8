package dev.glmbatch.output.reject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The layout of the reject file: where each failed row was, why it failed, and its input
 * values, so that a user can fix the rows and feed the file back in.
 */
public final class RejectFile {

	public static final List<String> LEADING_COLUMNS = List.of("row", "line", "reason");

	private RejectFile() {
	}

	public static List<String> header(List<String> inputColumns) {
		List<String> header = new ArrayList<>(LEADING_COLUMNS);
		header.addAll(inputColumns);
		return header;
	}

	public static List<String> record(long rowNumber, long line, @Nullable String reason, List<String> inputColumns,
			Map<String, String> input) {
		List<String> values = new ArrayList<>(LEADING_COLUMNS.size() + inputColumns.size());
		values.add(Long.toString(rowNumber));
		values.add(Long.toString(line));
		values.add(reason == null ? "" : reason);
		for (String column : inputColumns) {
			values.add(input.getOrDefault(column, ""));
		}
		return values;
	}

}
