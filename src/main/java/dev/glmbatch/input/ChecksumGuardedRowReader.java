package dev.glmbatch.input;

import java.io.IOException;
import java.util.Objects;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * The restart contract shared by the row readers: the read count is saved by the base class, and the input's checksum
 * beside it under {@code <name>.input.sha256}; a restart over a changed file is refused with an
 * {@link InputFormatException}, and the base class's wrapping of open failures is undone so that callers can branch
 * on that type. Not thread-safe.
 */
public abstract class ChecksumGuardedRowReader extends AbstractItemCountingItemStreamItemReader<SourceRow>
		implements RestartableRowReader {

	static final String CHECKSUM_KEY = "input.sha256";

	private final InputInspection inspection;

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
