package dev.glmbatch.jobdef;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** Formats a job can write. */
public enum OutputFormat {

	CSV("csv"),

	/**
	 * An Excel workbook: {@code .xlsx}, or {@code .xlsm} (a macro-enabled workbook, whose
	 * content type the writers follow).
	 */
	XLSX("xlsx", "xlsm"),

	/** JSON Lines: one JSON object per row, UTF-8 without BOM. */
	JSONL("jsonl");

	private final List<String> extensions;

	OutputFormat(String... extensions) {
		this.extensions = List.of(extensions);
	}

	/** The file name extensions of the format, lower case, without the dot. */
	public List<String> extensions() {
		return extensions;
	}

	/**
	 * {@code the extension '.txt'}, or {@code a file name without extension}, for
	 * messages.
	 */
	public static String describeExtensionOf(String path) {
		String extension = Extensions.of(path);
		return extension.isEmpty() ? "a file name without extension" : "the extension '." + extension + "'";
	}

	/**
	 * Every extension a format is taken from, as {@code .csv, .xlsx, .xlsm, .jsonl}, for
	 * messages.
	 */
	public static String describeExtensions() {
		StringBuilder all = new StringBuilder();
		for (OutputFormat format : values()) {
			for (String extension : format.extensions) {
				all.append(all.isEmpty() ? "" : ", ").append('.').append(extension);
			}
		}
		return all.toString();
	}

	/**
	 * The format of a name as a person gives it ({@code csv}, {@code XLSX},
	 * {@code jsonl}), or {@code null} when it names none.
	 */
	public static @Nullable OutputFormat ofName(String name) {
		for (OutputFormat format : values()) {
			if (format.name().equalsIgnoreCase(name.strip())) {
				return format;
			}
		}
		return null;
	}

	/**
	 * The format a path's extension stands for (ignoring case), or {@code null} when the
	 * extension is missing or names no format.
	 */
	public static @Nullable OutputFormat ofPath(String path) {
		String extension = Extensions.of(path).toLowerCase(Locale.ROOT);
		for (OutputFormat format : values()) {
			if (format.extensions.contains(extension)) {
				return format;
			}
		}
		return null;
	}

}
