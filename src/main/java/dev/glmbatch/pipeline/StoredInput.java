package dev.glmbatch.pipeline;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.glmbatch.input.RowReader;
import dev.glmbatch.input.RowSource;
import dev.glmbatch.input.SourceRow;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The input of a distributed run, kept in the state database ({@code GLMB_INPUT_ROW}) so
 * that workers on other hosts read its rows without the file: the manager's {@code load}
 * step copies the inspected file into it, its partitioner splits the rows into ranges,
 * and each worker reads its range in row order.
 */
public final class StoredInput {

	/** Rows inserted per statement batch, and read per query. */
	private static final int PAGE = 500;

	/** A partition's execution context: its first row. */
	public static final String FIRST_ROW = "partition.firstRow";

	/** A partition's execution context: its last row. */
	public static final String LAST_ROW = "partition.lastRow";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, String>> COLUMNS = new TypeReference<>() {
	};

	private final JdbcTemplate jdbc;

	public StoredInput(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * The {@code load} step's work: the whole input into the table, replacing what an
	 * earlier, failed attempt left, in the step's transaction.
	 * @param file opens the inspected input file
	 */
	Tasklet loader(Supplier<RowReader> file) {
		return (StepContribution contribution, ChunkContext chunk) -> {
			long instance = chunk.getStepContext()
				.getStepExecution()
				.getJobExecution()
				.getJobInstance()
				.getInstanceId();
			jdbc.update("DELETE FROM GLMB_INPUT_ROW WHERE JOB_INSTANCE_ID = ?", instance);
			List<Object[]> batch = new ArrayList<>(PAGE);
			try (RowReader rows = file.get()) {
				rows.open();
				for (SourceRow row = rows.read(); row != null; row = rows.read()) {
					batch.add(new Object[] { instance, row.rowNumber(), row.line(),
							JSON.writeValueAsString(row.columns()), row.error() });
					contribution.incrementReadCount();
					if (batch.size() == PAGE) {
						insert(batch);
					}
				}
			}
			insert(batch);
			return RepeatStatus.FINISHED;
		};
	}

	private void insert(List<Object[]> batch) {
		if (!batch.isEmpty()) {
			jdbc.batchUpdate("INSERT INTO GLMB_INPUT_ROW (JOB_INSTANCE_ID, ROW_NO, LINE_NO, COLUMNS_JSON, ERROR)"
					+ " VALUES (?, ?, ?, ?, ?)", batch);
			batch.clear();
		}
	}

	/**
	 * Splits a run's loaded rows into at most {@code partitions} ranges of consecutive
	 * rows, of sizes that differ by one row at the most, named {@code partition001} and
	 * on, so that they sort in row order.
	 */
	Partitioner partitioner(long jobInstanceId, int partitions) {
		return gridSize -> {
			Long last = jdbc.queryForObject("SELECT MAX(ROW_NO) FROM GLMB_INPUT_ROW WHERE JOB_INSTANCE_ID = ?",
					Long.class, jobInstanceId);
			long rows = (last == null) ? 0 : last;
			long count = Math.max(1, Math.min(partitions, rows));
			Map<String, ExecutionContext> ranges = new HashMap<>();
			long first = 1;
			for (long i = 0; i < count; i++) {
				long size = rows / count + ((i < rows % count) ? 1 : 0);
				ExecutionContext range = new ExecutionContext();
				range.putLong(FIRST_ROW, first);
				range.putLong(LAST_ROW, first + size - 1);
				ranges.put("partition%03d".formatted(i + 1), range);
				first += size;
			}
			return ranges;
		};
	}

	/** The rows of one range, first to last, read a page at a time. */
	RowSource range(long jobInstanceId, long firstRow, long lastRow) {
		return new RangeSource(jobInstanceId, firstRow, lastRow);
	}

	/** Forgets a run's rows, once it has completed: its output holds them. */
	public void forget(long jobInstanceId) {
		jdbc.update("DELETE FROM GLMB_INPUT_ROW WHERE JOB_INSTANCE_ID = ?", jobInstanceId);
	}

	private final class RangeSource implements RowSource {

		private final long jobInstanceId;

		private final long firstRow;

		private final long lastRow;

		private final Deque<SourceRow> page = new ArrayDeque<>();

		/** The last row read from the table. */
		private long readUpTo;

		RangeSource(long jobInstanceId, long firstRow, long lastRow) {
			this.jobInstanceId = jobInstanceId;
			this.firstRow = firstRow;
			this.lastRow = lastRow;
		}

		@Override
		public void open() {
			page.clear();
			readUpTo = firstRow - 1;
		}

		@Override
		public @Nullable SourceRow read() throws IOException {
			if (page.isEmpty() && readUpTo < lastRow) {
				page.addAll(
						jdbc.query("""
								SELECT ROW_NO, LINE_NO, COLUMNS_JSON, ERROR FROM GLMB_INPUT_ROW
								WHERE JOB_INSTANCE_ID = ? AND ROW_NO > ? AND ROW_NO <= ? ORDER BY ROW_NO""",
								(rs, n) -> new SourceRow(rs.getLong(1), rs.getLong(2),
										JSON.readValue(rs.getString(3), COLUMNS), rs.getString(4)),
								jobInstanceId, readUpTo, Math.min(lastRow, readUpTo + PAGE)));
				readUpTo = Math.min(lastRow, readUpTo + PAGE);
			}
			return page.poll();
		}

		@Override
		public void close() {
			page.clear();
		}

	}

}
