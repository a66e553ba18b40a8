package dev.glmbatch.input;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * The restart contract shared by the row readers: the read count is saved by the base class, and the input's checksum
 * beside it under {@code <name>.input.sha256}; a restart over a changed file is refused with an
 * {@link InputFormatException}, and the base class's wrapping of open failures is undone so that callers can branch
 * on that type. On restart the file is read again from its first data row and the rows already read are skipped
 * ({@link #skipRow()}); a saved position beyond the end is refused. The saved count stays equal to the rows returned
 * once the end is reached, so it is exact on restart. Not thread-safe.
 */
public abstract class ChecksumGuardedRowReader extends AbstractItemCountingItemStreamItemReader<SourceRow>
		implements RestartableRowReader {

	static final String CHECKSUM_KEY = "input.sha256";

	private static final Logger log = LoggerFactory.getLogger(ChecksumGuardedRowReader.class);

	private final InputInspection inspection;

	/** Data rows taken since the file was opened: the row number of the last row returned or skipped. */
	private long rowsRead;

	protected ChecksumGuardedRowReader(InputInspection inspection) {
		this.inspection = Objects.requireNonNull(inspection, "inspection");
	}

	protected InputInspection inspection() {
		return inspection;
	}

	/**
	 * Opens the file and, on restart, moves past the rows already read.
	 * @throws InputFormatException when the file is not the one the run started with, or not the one inspected
	 */
	@Override
	public void open(ExecutionContext executionContext) {
		String checksumKey = getExecutionContextKey(CHECKSUM_KEY);
		if (isSaveState() && executionContext.containsKey(checksumKey)) {
			String started = executionContext.getString(checksumKey);
			if (!started.equals(inspection.sha256())) {
				throw new InputFormatException(inspection.file(), 0, null, -1,
						"the input file changed since the run started (checksum " + started + " then, "
								+ inspection.sha256() + " now)",
						"Run with --new to start over, or restore the original file");
			}
		}
		rowsRead = 0;
		try {
			super.open(executionContext);
		}
		catch (ItemStreamException ex) {
			closeAfterFailure(ex);
			// the base class wraps whatever doOpen and jumpToItem throw; our callers branch on the type
			if (ex.getCause() instanceof InputFormatException format) {
				throw format;
			}
			throw ex;
		}
		if (isSaveState()) {
			executionContext.putString(checksumKey, inspection.sha256());
		}
	}

	/**
	 * Reads the next data row, numbered {@code rowNumber} (1-based), or returns {@code null} after the last one.
	 * @throws InputFormatException when the file cannot be read as inspected
	 */
	protected abstract @Nullable SourceRow nextRow(long rowNumber) throws IOException;

	/**
	 * Moves past one data row without building it, for a restart.
	 * @return {@code false} when there was no row left
	 */
	protected abstract boolean skipRow() throws IOException;

	@Override
	public @Nullable SourceRow read() throws Exception {
		SourceRow row = super.read();
		if (row == null && getCurrentItemCount() > rowsRead) {
			// the base class counts the null that ends the input as an item
			setCurrentItemCount((int) rowsRead);
		}
		return row;
	}

	@Override
	protected final @Nullable SourceRow doRead() throws IOException {
		SourceRow row = nextRow(rowsRead + 1);
		if (row == null) {
			return null;
		}
		rowsRead++;
		return row.isValid() ? withoutNul(row) : row;
	}

	/**
	 * A row with a NUL character (U+0000) in a value is rejected before any call: it is not text (CSV bytes, an
	 * escaped {@code _x0000_} in a workbook), and PostgreSQL cannot store it.
	 */
	private static SourceRow withoutNul(SourceRow row) {
		for (Map.Entry<String, String> column : row.columns().entrySet()) {
			if (column.getValue().indexOf('\u0000') >= 0) {
				return SourceRow.rejected(row.rowNumber(), row.line(), row.columns(), "line " + row.line()
						+ ", column " + column.getKey() + " holds a NUL character (U+0000), which is not text;"
						+ " remove it from the file");
			}
		}
		return row;
	}

	@Override
	protected final void jumpToItem(int itemIndex) throws IOException {
		log.info("Restarting {}: skipping the {} rows already read", inspection.file(), itemIndex);
		while (rowsRead < itemIndex) {
			if (!skipRow()) {
				throw new InputFormatException(inspection.file(), 0, null, -1,
						"the saved position (" + itemIndex + " rows read) is beyond the end of the input ("
								+ rowsRead + " data rows)",
						"Run with --new to start over, or restore the original file");
			}
			rowsRead++;
		}
	}

	@Override
	public void update(ExecutionContext executionContext) {
		super.update(executionContext);
		if (isSaveState()) {
			executionContext.putString(getExecutionContextKey(CHECKSUM_KEY), inspection.sha256());
		}
	}

	private void closeAfterFailure(RuntimeException failure) {
		try {
			doClose();
		}
		catch (Exception ex) {
			failure.addSuppressed(ex);
		}
	}

}
