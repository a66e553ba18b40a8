package dev.glmbatch.jobdef;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a job reads its rows.
 *
 * @param path the input file, absolute (resolved when the job file was loaded)
 * @param format the file format
 * @param encoding the text encoding, UTF-8 by default; decoded strictly
 * @param delimiter the field delimiter, or {@code null} to detect it from the header line
 * @param idColumn a column whose values identify rows in the output, or {@code null} to
 * use row numbers
 * @param sheet for workbooks, the sheet to read by name, or by 1-based position written
 * as {@code #2}; {@code null} for the first visible sheet
 * @param headerRow for workbooks, the 1-based row that holds the column names
 * @param firstDataRow for workbooks, the 1-based row where data starts; greater than
 * {@code headerRow}
 * @param maxCellChars for workbooks, the longest cell text accepted; a longer cell
 * rejects its row
 * @param maxRows for workbooks, the most data rows a job accepts; more refuses the file
 * before any call
 * @param folder for a folder of documents ({@code path} is then the folder,
 * {@code format} {@link InputFormat#FOLDER}), which of its files are rows; {@code null}
 * for a file
 */
public record InputSpec(Path path, InputFormat format, Charset encoding, @Nullable Character delimiter,
		@Nullable String idColumn, @Nullable String sheet, int headerRow, int firstDataRow, int maxCellChars,
		long maxRows, @Nullable FolderSelection folder) {

	/** Excel's own limit on the text of one cell. */
	public static final int DEFAULT_MAX_CELL_CHARS = 32_767;

	/** The rows of one Excel sheet. */
	public static final long DEFAULT_MAX_ROWS = 1_048_576;

	public InputSpec {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(format, "format");
		Objects.requireNonNull(encoding, "encoding");
		if (headerRow < 1) {
			throw new IllegalArgumentException("headerRow must be >= 1, was " + headerRow);
		}
		if (firstDataRow <= headerRow) {
			throw new IllegalArgumentException(
					"firstDataRow must be after headerRow " + headerRow + ", was " + firstDataRow);
		}
		if (maxCellChars < 1 || maxRows < 1) {
			throw new IllegalArgumentException("limits must be positive, were " + maxCellChars + ", " + maxRows);
		}
		if ((folder != null) != (format == InputFormat.FOLDER)) {
			throw new IllegalArgumentException("a folder input needs format FOLDER and its selection, was " + format);
		}
	}

	/** A spec of one file. */
	public InputSpec(Path path, InputFormat format, Charset encoding, @Nullable Character delimiter,
			@Nullable String idColumn, @Nullable String sheet, int headerRow, int firstDataRow, int maxCellChars,
			long maxRows) {
		this(path, format, encoding, delimiter, idColumn, sheet, headerRow, firstDataRow, maxCellChars, maxRows, null);
	}

	/** A spec of a folder whose selected files are the rows, one per file. */
	public static InputSpec ofFolder(Path folder, FolderSelection selection, @Nullable String idColumn) {
		return new InputSpec(folder, InputFormat.FOLDER, java.nio.charset.StandardCharsets.UTF_8, null, idColumn, null,
				1, 2, DEFAULT_MAX_CELL_CHARS, DEFAULT_MAX_ROWS, selection);
	}

	/** Whether the rows are the files of a folder rather than the records of a file. */
	public boolean isFolder() {
		return folder != null;
	}

	/**
	 * A spec with the workbook options at their defaults (first visible sheet, header on
	 * row 1).
	 */
	public InputSpec(Path path, InputFormat format, Charset encoding, @Nullable Character delimiter,
			@Nullable String idColumn) {
		this(path, format, encoding, delimiter, idColumn, null, 1, 2, DEFAULT_MAX_CELL_CHARS, DEFAULT_MAX_ROWS);
	}

	public InputSpec withPath(Path newPath) {
		return new InputSpec(newPath, format, encoding, delimiter, idColumn, sheet, headerRow, firstDataRow,
				maxCellChars, maxRows, folder);
	}

}
