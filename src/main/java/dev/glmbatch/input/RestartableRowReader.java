package dev.glmbatch.input;

import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the data rows of one input file in file order, as a Spring Batch {@code ItemStream} whose position survives
 * a restart. Contract shared by every format:
 * <ul>
 * <li>it is created unopened; call {@code open(ExecutionContext)} first, {@code update} at each checkpoint and
 * {@code close} at the end;</li>
 * <li>{@link SourceRow#rowNumber()} counts data rows from 1 (blank rows are not counted) and is stable across runs,
 * so it can key staged results; {@link SourceRow#line()} is the physical position where the row starts;</li>
 * <li>a malformed row that can be isolated comes back as a rejected {@link SourceRow} (not an exception); a
 * problem with the file as a whole raises {@link InputFormatException};</li>
 * <li>on restart it skips the rows already read, and refuses with {@link InputFormatException} when the file is no
 * longer the one the run started with;</li>
 * <li>it is not thread-safe: one reader per step execution, read from one thread.</li>
 * </ul>
 */
public interface RestartableRowReader extends ItemStreamReader<SourceRow> {

}
