package dev.glmbatch.input.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.jobdef.InputSpec;

/**
 * Checks a CSV file in one streaming pass before any row is processed: strict decoding,
 * checksum, delimiter, header and id column, and the number of data rows. Memory use does
 * not grow with the file. Use it through {@link InputFiles#inspect}.
 */
public final class CsvInspector {

	private static final Logger log = LoggerFactory.getLogger(CsvInspector.class);

	private CsvInspector() {
	}

	/**
	 * Inspects the file named by the spec.
	 * @throws InputFormatException when the file cannot be used
	 */
	public static InputInspection inspect(InputSpec spec) {
		Path file = spec.path();
		ChecksumInputStream in = ChecksumInputStream.open(file);
		try (CsvCursor cursor = CsvCursor.open(file, in, spec.encoding(), spec.delimiter())) {
			checkIdColumn(spec, cursor);
			long rows = 0;
			while (cursor.next() != null) {
				rows++;
			}
			if (rows == 0) {
				throw new InputFormatException(file, 0, null, -1, "the file has a header but no data rows",
						"Add rows below the header line, or check that the job points at the right file");
			}
			in.drain();
			InputInspection inspection = new InputInspection(file, in.sha256Hex(), in.byteCount(), cursor.delimiter(),
					cursor.header(), rows);
			log.debug("Inspected {}: {} data rows, {} columns, delimiter {}, sha256 {}", file, rows,
					inspection.header().size(), CsvCursor.describe(inspection.delimiter()), inspection.sha256());
			return inspection;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	private static void checkIdColumn(InputSpec spec, CsvCursor cursor) {
		String idColumn = spec.idColumn();
		if (idColumn != null && !cursor.header().contains(idColumn)) {
			throw new InputFormatException(spec.path(), cursor.headerLine(), idColumn, -1,
					"the id column is not in the header; headers found: " + cursor.listHeaders(),
					"Set idColumn in the job file to one of the header names (names are case-sensitive)");
		}
	}

}
