package dev.glmbatch.input;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What one streaming pass over an input file found, before any row is processed.
 *
 * @param file the inspected file
 * @param sha256 the SHA-256 of the file's bytes, 64 lower-case hex digits; a restart
 * refuses a file whose checksum differs
 * @param sizeBytes the file size in bytes
 * @param delimiter the field delimiter used (given in the job or detected)
 * @param header the column names, in file order, unique and non-blank
 * @param dataRows the number of data rows (blank lines not counted, ragged rows counted);
 * at least 1 when produced by inspection
 * @param sheet for a workbook, the name of the sheet that was read (the delimiter then
 * means nothing); {@code null} for CSV
 */
public record InputInspection(Path file, String sha256, long sizeBytes, char delimiter, List<String> header,
		long dataRows, @Nullable String sheet) {

	private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

	public InputInspection {
		Objects.requireNonNull(file, "file");
		Objects.requireNonNull(sha256, "sha256");
		if (!SHA256_HEX.matcher(sha256).matches()) {
			throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits, was '" + sha256 + "'");
		}
		if (sizeBytes < 0) {
			throw new IllegalArgumentException("sizeBytes must be >= 0, was " + sizeBytes);
		}
		header = List.copyOf(header);
		if (header.isEmpty()) {
			throw new IllegalArgumentException("header must not be empty");
		}
		if (dataRows < 0) {
			throw new IllegalArgumentException("dataRows must be >= 0, was " + dataRows);
		}
	}

	/** The inspection of a CSV file. */
	public InputInspection(Path file, String sha256, long sizeBytes, char delimiter, List<String> header,
			long dataRows) {
		this(file, sha256, sizeBytes, delimiter, header, dataRows, null);
	}

	/** Whether the file is a workbook, so that {@link #sheet} names the sheet read. */
	public boolean isWorkbook() {
		return sheet != null;
	}

}
