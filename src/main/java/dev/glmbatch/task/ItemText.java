package dev.glmbatch.task;

import java.util.List;

import dev.glmbatch.input.SourceRow;

/**
 * The text of a row that a task reads from several columns: the one column's value as it
 * is, or each non-empty column as {@code name: value} on a line of its own, so that the
 * model can tell the columns apart.
 */
final class ItemText {

	private ItemText() {
	}

	static String of(SourceRow row, List<String> columns) {
		if (columns.size() == 1) {
			return row.value(columns.get(0)).strip();
		}
		StringBuilder text = new StringBuilder();
		for (String column : columns) {
			String value = row.value(column).strip();
			if (!value.isEmpty()) {
				text.append(column).append(": ").append(value).append('\n');
			}
		}
		return text.toString().strip();
	}

}
