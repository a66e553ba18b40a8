package dev.glmbatch.input.excel;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.input.RowReader;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.InputFormat;
import dev.glmbatch.jobdef.InputSpec;
import dev.glmbatch.jobdef.MessageText;

/**
 * Reads the data rows of a workbook that {@link ExcelInspector} has inspected. On
 * {@link #open()} the file's checksum is computed again and must equal the inspection's;
 * then the sheet is streamed from the top. {@link SourceRow#line()} is the 1-based sheet
 * row.
 * <p>
 * Not thread-safe: one instance per step execution, read from one thread.
 */
public class ExcelRowReader extends RowReader {

	private final InputSpec spec;

	private final InputFormat format;

	private @Nullable SheetCursor cursor;

	/**
	 * @param format what the file was sniffed as: {@code XLSX} or {@code XLS}
	 */
	public ExcelRowReader(InputSpec spec, InputFormat format, InputInspection inspection) {
		super(inspection);
		this.spec = Objects.requireNonNull(spec, "spec");
		this.format = Objects.requireNonNull(format, "format");
	}

	@Override
	protected void doOpen() {
		String now = FileChecksum.sha256(inspection().file());
		if (!now.equals(inspection().sha256())) {
			throw new InputFormatException(inspection().file(), 0, null, -1,
					"the input file changed while the run was using it (its checksum was " + inspection().sha256()
							+ " and is now " + now + ")",
					"Leave the input file unchanged while a run uses it, then run again");
		}
		SheetCursor opened = SheetCursor.open(spec, format);
		cursor = opened;
		if (!opened.header().equals(inspection().header())) {
			throw new InputFormatException(inspection().file(), 0, null, -1,
					"the input file changed while the run was using it (its header is now "
							+ MessageText.capAll(opened.header()) + ")",
					"Leave the input file unchanged while a run uses it, then run again");
		}
	}

	@Override
	protected @Nullable SourceRow nextRow(long rowNumber) {
		ExcelRecord record = openCursor().next();
		if (record == null) {
			return null;
		}
		List<String> header = inspection().header();
		Map<String, String> columns = new LinkedHashMap<>();
		for (int i = 0; i < header.size(); i++) {
			columns.put(header.get(i), record.values().get(i));
		}
		String error = record.error();
		return (error == null) ? SourceRow.of(rowNumber, record.line(), columns)
				: SourceRow.rejected(rowNumber, record.line(), columns, error);
	}

	@Override
	protected void doClose() throws IOException {
		SheetCursor open = cursor;
		cursor = null;
		if (open != null) {
			open.close();
		}
	}

	private SheetCursor openCursor() {
		SheetCursor open = cursor;
		if (open == null) {
			throw new IllegalStateException("the reader of " + inspection().file() + " is not open");
		}
		return open;
	}

}
