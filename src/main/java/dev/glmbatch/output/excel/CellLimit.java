package dev.glmbatch.output.excel;

/**
 * Excel's limit of 32,767 characters per cell. A longer value is cut and ends with a
 * marker saying how long it was, rather than failing the export after the rows were paid
 * for; the CSV and JSONL outputs keep such values whole.
 */
public final class CellLimit {

	/** The most characters a cell holds. */
	public static final int MAX_CHARS = 32_767;

	private CellLimit() {
	}

	/**
	 * The value, or its beginning followed by {@code [truncated: N characters]} when it
	 * is too long.
	 */
	public static String fit(String value) {
		if (value.length() <= MAX_CHARS) {
			return value;
		}
		String marker = " [truncated: " + value.length() + " characters]";
		int keep = MAX_CHARS - marker.length();
		// do not split a surrogate pair
		if (Character.isHighSurrogate(value.charAt(keep - 1))) {
			keep--;
		}
		return value.substring(0, keep) + marker;
	}

}
