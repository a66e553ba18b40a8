package dev.glmbatch.pipeline;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.glmbatch.progress.RunTotals;
import dev.glmbatch.progress.Spend;
import dev.glmbatch.task.RowStatus;
import dev.glmbatch.task.TaskResult;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The staging table: one row per input row and job instance, written in the chunk's
 * transaction, so it holds exactly the rows whose chunk committed. The export reads it
 * back in row order.
 */
public final class ResultStaging {

	private static final TypeReference<LinkedHashMap<String, String>> COLUMNS = new TypeReference<>() {
	};

	private static final TypeReference<TreeMap<String, Long>> COUNTS = new TypeReference<>() {
	};

	/** The columns a {@link StagedRow} is read from, in the order it reads them. */
	private static final String STAGED_COLUMNS = """
			ROW_NO, LINE_NO, STATUS, INPUT_JSON, OUTPUT_JSON, REASON, CALLS, THINKING_CALLS, ESCALATIONS,
			  PROMPT_TOKENS, COMPLETION_TOKENS, CACHED_TOKENS""";

	private final JdbcTemplate jdbc;

	public ResultStaging(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setFetchSize(500);
	}

	void insert(long jobInstanceId, List<? extends TaskResult> results) {
		jdbc.batchUpdate(
				"""
						INSERT INTO GLMB_RESULT (JOB_INSTANCE_ID, ROW_NO, LINE_NO, STATUS, INPUT_JSON, OUTPUT_JSON, REASON,
						  CALLS, REUSED_CALLS, THINKING_CALLS, ESCALATIONS, PROMPT_TOKENS, COMPLETION_TOKENS, CACHED_TOKENS, COST_USD,
						  THINKING_PROMPT_TOKENS, THINKING_COMPLETION_TOKENS, THINKING_CACHED_TOKENS, THINKING_COST_USD,
						  REASONING_TOKENS, THINKING_REASONING_TOKENS, UNPRICED_CALLS, EARLIER_RUN_CALLS, EARLIER_RUN_COST_USD)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
				results, results.size(), (ps, result) -> {
					ps.setLong(1, jobInstanceId);
					ps.setLong(2, result.row().rowNumber());
					ps.setLong(3, result.row().line());
					ps.setString(4, result.status().name());
					ps.setString(5, Json.MAPPER.writeValueAsString(result.row().columns()));
					ps.setString(6, Json.MAPPER.writeValueAsString(result.outputs()));
					ps.setString(7, result.reason());
					ps.setLong(8, result.stats().calls());
					ps.setLong(9, result.stats().reusedCalls());
					ps.setLong(10, result.stats().thinkingCalls());
					ps.setLong(11, result.stats().escalations());
					ps.setLong(12, result.stats().usage().promptTokens());
					ps.setLong(13, result.stats().usage().completionTokens());
					ps.setLong(14, result.stats().usage().cachedTokens());
					ps.setBigDecimal(15, result.stats().costUsd());
					ps.setLong(16, result.stats().thinkingUsage().promptTokens());
					ps.setLong(17, result.stats().thinkingUsage().completionTokens());
					ps.setLong(18, result.stats().thinkingUsage().cachedTokens());
					ps.setBigDecimal(19, result.stats().thinkingCostUsd());
					ps.setLong(20, result.stats().usage().reasoningTokens());
					ps.setLong(21, result.stats().thinkingUsage().reasoningTokens());
					ps.setLong(22, result.stats().unpricedCalls());
					ps.setLong(23, result.stats().earlierRunCalls());
					ps.setBigDecimal(24, result.stats().earlierRunCostUsd());
				});
		// validation failures and repairs go to a table of their own: state files made
		// before it keep working
		List<? extends TaskResult> checked = results.stream()
			.filter(result -> result.stats().repairs() > 0 || !result.failures().isEmpty())
			.toList();
		if (!checked.isEmpty()) {
			jdbc.batchUpdate("""
					INSERT INTO GLMB_ROW_CHECK (JOB_INSTANCE_ID, ROW_NO, REPAIRS, FAILURES_JSON)
					VALUES (?, ?, ?, ?)""", checked, checked.size(), (ps, result) -> {
				Map<String, Long> kinds = new TreeMap<>();
				result.failures().forEach(failure -> kinds.merge(failure.kind(), 1L, Long::sum));
				ps.setLong(1, jobInstanceId);
				ps.setLong(2, result.row().rowNumber());
				ps.setLong(3, result.stats().repairs());
				ps.setString(4, Json.MAPPER.writeValueAsString(kinds));
			});
		}
	}

	/** Streams a run's rows in row order; memory stays flat whatever the row count. */
	public void forEachRow(long jobInstanceId, Consumer<StagedRow> action) {
		jdbc.query("SELECT " + STAGED_COLUMNS + " FROM GLMB_RESULT WHERE JOB_INSTANCE_ID = ? ORDER BY ROW_NO", rs -> {
			action.accept(stagedRow(rs));
		}, jobInstanceId);
	}

	/** One row of a run, or empty when no chunk holding it has committed. */
	public Optional<StagedRow> find(long jobInstanceId, long rowNumber) {
		return jdbc
			.query("SELECT " + STAGED_COLUMNS + " FROM GLMB_RESULT WHERE JOB_INSTANCE_ID = ? AND ROW_NO = ?",
					(rs, n) -> stagedRow(rs), jobInstanceId, rowNumber)
			.stream()
			.findFirst();
	}

	/**
	 * The input's columns, in order, as a run staged them: those of its first done row (a
	 * rejected row may be a ragged one, short of columns), else of its first row; empty
	 * when it has no row.
	 */
	public List<String> inputColumns(long jobInstanceId) {
		List<String> stored = jdbc.query("""
				SELECT INPUT_JSON FROM GLMB_RESULT WHERE JOB_INSTANCE_ID = ?
				ORDER BY CASE WHEN STATUS = 'DONE' THEN 0 ELSE 1 END, ROW_NO FETCH FIRST 1 ROWS ONLY""",
				(rs, n) -> rs.getString(1), jobInstanceId);
		return stored.isEmpty() ? List.of() : List.copyOf(Json.MAPPER.readValue(stored.get(0), COLUMNS).keySet());
	}

	private static StagedRow stagedRow(ResultSet rs) throws SQLException {
		return new StagedRow(rs.getLong(1), rs.getLong(2), RowStatus.valueOf(rs.getString(3)),
				Json.MAPPER.readValue(rs.getString(4), COLUMNS), Json.MAPPER.readValue(rs.getString(5), COLUMNS),
				rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11),
				rs.getLong(12));
	}

	/** Rows of a run whose chunk committed. */
	public long countRows(long jobInstanceId) {
		Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM GLMB_RESULT WHERE JOB_INSTANCE_ID = ?", Long.class,
				jobInstanceId);
		return rows == null ? 0 : rows;
	}

	/** The rows of a run staged from {@code firstRow} to {@code lastRow}. */
	public long countRows(long jobInstanceId, long firstRow, long lastRow) {
		Long rows = jdbc.queryForObject(
				"SELECT COUNT(*) FROM GLMB_RESULT WHERE JOB_INSTANCE_ID = ? AND ROW_NO >= ? AND ROW_NO <= ?",
				Long.class, jobInstanceId, firstRow, lastRow);
		return rows == null ? 0 : rows;
	}

	/** Totals over every committed row of a run, across all its executions. */
	public RunTotals totals(long jobInstanceId) {
		ItemTotals items = jdbc.queryForObject("""
				SELECT COALESCE(SUM(CASE WHEN THINKING_CALLS = 0 THEN 1 ELSE 0 END), 0),
				  COALESCE(SUM(CASE WHEN THINKING_CALLS > 0 AND ESCALATIONS = 0 THEN 1 ELSE 0 END), 0),
				  COALESCE(SUM(CASE WHEN ESCALATIONS > 0 THEN 1 ELSE 0 END), 0)
				FROM GLMB_RESULT WHERE JOB_INSTANCE_ID = ? AND CALLS > 0""",
				(rs, n) -> new ItemTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3)), jobInstanceId);
		long[] repairs = { 0 };
		Map<String, Long> failures = new TreeMap<>();
		jdbc.query("SELECT REPAIRS, FAILURES_JSON FROM GLMB_ROW_CHECK WHERE JOB_INSTANCE_ID = ?", rs -> {
			repairs[0] += rs.getLong(1);
			Json.MAPPER.readValue(rs.getString(2), COUNTS)
				.forEach((kind, count) -> failures.merge(kind, count, Long::sum));
		}, jobInstanceId);
		return jdbc
			.queryForObject(
					"""
							SELECT COUNT(*),
							  COALESCE(SUM(CASE WHEN STATUS = 'DONE' THEN 1 ELSE 0 END), 0),
							  COALESCE(SUM(CALLS), 0), COALESCE(SUM(REUSED_CALLS), 0), COALESCE(SUM(THINKING_CALLS), 0),
							  COALESCE(SUM(ESCALATIONS), 0), COALESCE(SUM(PROMPT_TOKENS), 0), COALESCE(SUM(COMPLETION_TOKENS), 0),
							  COALESCE(SUM(CACHED_TOKENS), 0), COALESCE(SUM(COST_USD), 0),
							  COALESCE(SUM(THINKING_PROMPT_TOKENS), 0), COALESCE(SUM(THINKING_COMPLETION_TOKENS), 0),
							  COALESCE(SUM(THINKING_CACHED_TOKENS), 0), COALESCE(SUM(THINKING_COST_USD), 0),
							  COALESCE(SUM(REASONING_TOKENS), 0), COALESCE(SUM(THINKING_REASONING_TOKENS), 0),
							  COALESCE(SUM(UNPRICED_CALLS), 0), COALESCE(SUM(EARLIER_RUN_CALLS), 0),
							  COALESCE(SUM(EARLIER_RUN_COST_USD), 0)
							FROM GLMB_RESULT WHERE JOB_INSTANCE_ID = ?""",
					(rs, n) -> new RunTotals(rs.getLong(1), rs.getLong(2), rs.getLong(1) - rs.getLong(2), rs.getLong(3),
							rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
							rs.getBigDecimal(10),
							new Spend(rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getBigDecimal(14),
									rs.getLong(16)),
							items.off(), items.on(), items.escalated(), repairs[0], failures, rs.getLong(15),
							rs.getLong(17), rs.getLong(18), rs.getBigDecimal(19)),
					jobInstanceId);
	}

	private record ItemTotals(long off, long on, long escalated) {
	}

	/**
	 * Made on first use: the totals of a run without checked rows ({@code list},
	 * {@code status}) need no JSON library, which costs about a second of CPU to load.
	 */
	private static final class Json {

		static final JsonMapper MAPPER = JsonMapper.builder().build();

	}

	/**
	 * One staged row as the export sees it, with what its GLM calls took.
	 *
	 * @param calls answers used (paid or re-used)
	 * @param thinkingCalls calls sent with thinking enabled
	 * @param escalations calls repeated with thinking
	 * @param promptTokens prompt tokens paid
	 * @param completionTokens completion tokens paid (reasoning included)
	 * @param cachedTokens prompt tokens served from the context cache
	 */
	public record StagedRow(long rowNumber, long line, RowStatus status, Map<String, String> input,
			Map<String, String> outputs, @Nullable String reason, long calls, long thinkingCalls, long escalations,
			long promptTokens, long completionTokens, long cachedTokens) {
	}

}
