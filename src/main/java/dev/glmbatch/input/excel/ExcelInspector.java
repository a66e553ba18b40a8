package dev.glmbatch.input.excel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.jobdef.InputFormat;
import dev.glmbatch.jobdef.InputSpec;
import dev.glmbatch.jobdef.MessageText;

/**
 * Checks a workbook in one streaming pass before any row is processed: that it opens
 * safely, the sheet, the header and id column, the number of data rows and the row limit,
 * and the file's checksum. Use it through {@link InputFiles#inspect}.
 */
public final class ExcelInspector {

	/**
	 * Stands in for the CSV delimiter in the inspection; it means nothing for a workbook.
	 */
	static final char NO_DELIMITER = '\t';

	private static final Logger log = LoggerFactory.getLogger(ExcelInspector.class);

	private ExcelInspector() {
	}

	/**
	 * Inspects the workbook named by the spec.
	 * @param format what {@link WorkbookSniffer} found the file to be: {@code XLSX} or
	 * {@code XLS}
	 * @throws InputFormatException when the file cannot be used
	 */
	public static InputInspection inspect(InputSpec spec, InputFormat format) {
		Path file = spec.path();
		String before = FileChecksum.sha256(file);
		try (SheetCursor cursor = SheetCursor.open(spec, format)) {
			String idColumn = spec.idColumn();
			if (idColumn != null && !cursor.header().contains(idColumn)) {
				throw new InputFormatException(file, spec.headerRow(), idColumn, -1,
						"the id column is not in the header of sheet '" + cursor.sheetName() + "'; headers found: "
								+ MessageText.capAll(cursor.header()),
						"Set id-column in the job file to one of the header names (names are case-sensitive)");
			}
			long rows = 0;
			while (cursor.next() != null) {
				rows++;
				if (rows > spec.maxRows()) {
					throw new InputFormatException(file, 0, null, -1,
							"sheet '" + cursor.sheetName() + "' has more than " + spec.maxRows() + " data rows",
							"Split the sheet, or raise max-rows in the job file");
				}
			}
			if (rows == 0) {
				throw new InputFormatException(file, 0, null, -1,
						"sheet '" + cursor.sheetName() + "' has a header but no data rows",
						"Add rows below the header, or check first-data-row and sheet in the job file");
			}
			if (cursor.hiddenRows() > 0) {
				log.warn("Sheet '{}' of {} has {} hidden rows; they are read like the others", cursor.sheetName(), file,
						cursor.hiddenRows());
			}
			String after = FileChecksum.sha256(file);
			if (!after.equals(before)) {
				throw new InputFormatException(file, 0, null, -1, "the workbook changed while it was being inspected",
						"Leave the input file unchanged while a run uses it, then run again");
			}
			InputInspection inspection = new InputInspection(file, after, Files.size(file), NO_DELIMITER,
					cursor.header(), rows, cursor.sheetName());
			log.debug("Inspected {} sheet '{}': {} data rows, {} columns, sha256 {}", file, cursor.sheetName(), rows,
					inspection.header().size(), inspection.sha256());
			return inspection;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

}
