package dev.glmbatch.input;

import dev.glmbatch.input.csv.CsvInspector;
import dev.glmbatch.input.csv.CsvRowReader;
import dev.glmbatch.input.excel.ExcelInspector;
import dev.glmbatch.input.excel.ExcelRowReader;
import dev.glmbatch.input.excel.WorkbookSniffer;
import dev.glmbatch.input.folder.FolderInspector;
import dev.glmbatch.input.folder.FolderRowReader;
import dev.glmbatch.jobdef.InputFormat;
import dev.glmbatch.jobdef.InputSpec;

/**
 * Entry point to input files, whatever their format. A run first {@link #inspect
 * inspects} the file (one streaming pass, no paid calls) so that a bad file is refused
 * before any row is processed, then {@link #openReader opens a reader} bound to that
 * inspection.
 * <p>
 * The format is taken from the file's bytes, not from its name or the job's
 * {@code format}: a workbook is read as a workbook and anything else as CSV, except that
 * text under a workbook extension is refused (see {@link WorkbookSniffer}). The CSV
 * dialect (RFC 4180 plus the rules for blank lines, delimiters, encodings and limits) is
 * described in the {@code dev.glmbatch.input.csv} package documentation, the workbook
 * policies in {@code dev.glmbatch.input.excel}. A folder input ({@code folder} in the
 * job) is not sniffed: its selected files are the rows, as described in
 * {@code dev.glmbatch.input.folder}.
 */
public final class InputFiles {

	private InputFiles() {
	}

	/**
	 * Reads the whole file once, in constant memory: decodes it strictly, computes its
	 * checksum, checks the header (non-blank, unique names, the id column present) and
	 * counts the data rows.
	 * @param spec where and how to read
	 * @return what was found
	 * @throws InputFormatException when the file cannot be used (missing, empty, no data
	 * rows, bad bytes for the encoding, bad header, unclosed quote, oversized record,
	 * ...)
	 */
	public static InputInspection inspect(InputSpec spec) {
		InputFormat format = spec.isFolder() ? InputFormat.FOLDER : WorkbookSniffer.sniff(spec.path());
		return switch (format) {
			case CSV -> CsvInspector.inspect(spec);
			case XLSX, XLS -> ExcelInspector.inspect(spec, format);
			case FOLDER -> FolderInspector.inspect(spec);
		};
	}

	/**
	 * Creates a reader for a file inspected by {@link #inspect}. The reader is not opened
	 * yet.
	 * @param spec the spec that was inspected
	 * @param inspection the result of {@link #inspect} on the file as it is now
	 * @return an unopened reader
	 * @throws IllegalArgumentException when the inspection is of another file
	 */
	public static RowReader openReader(InputSpec spec, InputInspection inspection) {
		if (!spec.path().equals(inspection.file())) {
			throw new IllegalArgumentException(
					"inspection is of " + inspection.file() + " but the spec reads " + spec.path());
		}
		InputFormat format = spec.isFolder() ? InputFormat.FOLDER : WorkbookSniffer.sniff(spec.path());
		return switch (format) {
			case CSV -> new CsvRowReader(spec, inspection);
			case XLSX, XLS -> new ExcelRowReader(spec, format, inspection);
			case FOLDER -> new FolderRowReader(spec, inspection);
		};
	}

}
