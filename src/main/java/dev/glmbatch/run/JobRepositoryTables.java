package dev.glmbatch.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;

/**
 * The tables Spring Batch's JDBC job repository writes, read with the repository's
 * meaning: a run is a job instance; its status, parameters and execution context are
 * those of its latest execution (the highest execution id); the parameters are converted
 * from their text as the repository converts them; the context's text entries are read as
 * {@link #contextSerializer()}, the serializer the repository writes it with, writes them
 * ({@link StoredContext}). The tables have Spring Batch's default prefix, as everywhere
 * in glm-batch. Nothing here writes.
 */
final class JobRepositoryTables {

	/**
	 * Per run: its name, latest execution, how many executions it has and when the first
	 * one started.
	 */
	private static final String RUNS = """
			SELECT I.JOB_INSTANCE_ID, I.JOB_NAME, MAX(E.JOB_EXECUTION_ID), COUNT(E.JOB_EXECUTION_ID), MIN(E.START_TIME)
			FROM BATCH_JOB_INSTANCE I LEFT JOIN BATCH_JOB_EXECUTION E ON E.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID
			%s
			GROUP BY I.JOB_INSTANCE_ID, I.JOB_NAME
			ORDER BY I.JOB_INSTANCE_ID DESC""";

	private static final String EXECUTION = """
			SELECT STATUS, START_TIME, END_TIME FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?""";

	private static final String PARAMETERS = """
			SELECT PARAMETER_NAME, PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID = ?""";

	private static final String CONTEXT = """
			SELECT SHORT_CONTEXT, SERIALIZED_CONTEXT FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID = ?""";

	private final JdbcTemplate jdbc;

	JobRepositoryTables(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The serializer of execution contexts: the job repository writes them with it, and
	 * this class reads them.
	 */
	static ExecutionContextSerializer contextSerializer() {
		return Serializer.INSTANCE;
	}

	/**
	 * Whether the database has the Spring Batch tables: a database no run has used yet
	 * lacks them.
	 */
	boolean exist() {
		try {
			// no row mapper that converts types: the first one builds Spring's shared
			// conversion service, about a hundred classes, for a check that reads nothing
			jdbc.query("SELECT 1 FROM BATCH_JOB_INSTANCE WHERE 1 = 0", (ResultSetExtractor<Boolean>) ResultSet::next);
			return true;
		}
		catch (BadSqlGrammarException ex) {
			return false;
		}
	}

	/**
	 * Runs, newest first: of each job its latest {@code max} runs, as Spring Batch's
	 * repository pages them, then the latest {@code max} of those; a run without an
	 * execution is left out.
	 */
	List<RunRow> latestRuns(int max) {
		List<RunRow> runs = jdbc.query(RUNS.formatted(""), (ResultSetExtractor<List<RunRow>>) rs -> {
			List<RunRow> latest = new ArrayList<>();
			Map<String, Integer> perJob = new HashMap<>();
			while (latest.size() < max && rs.next()) {
				String jobName = rs.getString(2);
				RunRow run = RunRow.of(rs);
				if (perJob.merge(jobName, 1, Integer::sum) <= max && run != null) {
					latest.add(run);
				}
			}
			return latest;
		});
		return (runs != null) ? runs : List.of();
	}

	/** A run that has an execution. */
	Optional<RunRow> run(long runId) {
		List<Optional<RunRow>> runs = jdbc.query(RUNS.formatted("WHERE I.JOB_INSTANCE_ID = ?"),
				(rs, n) -> Optional.ofNullable(RunRow.of(rs)), runId);
		return runs.isEmpty() ? Optional.empty() : runs.get(0);
	}

	/** The latest execution of a run. */
	LastExecution lastExecution(RunRow run) {
		long executionId = run.lastExecution();
		LastExecution last = jdbc.queryForObject(EXECUTION,
				(rs, n) -> new LastExecution(BatchStatus.valueOf(rs.getString(1)), time(rs.getTimestamp(2)),
						time(rs.getTimestamp(3))),
				executionId);
		if (last == null) {
			throw new IllegalStateException("Execution " + executionId + " of run " + run.runId() + " is missing");
		}
		return last;
	}

	/**
	 * An execution's parameters as text, which is how the repository stores them;
	 * glm-batch's are strings and longs, which the repository converts from their text
	 * with {@code String} and {@code Long.valueOf}.
	 */
	Map<String, String> parameters(long executionId) {
		Map<String, String> params = new HashMap<>();
		jdbc.query(PARAMETERS, (ResultSet rs) -> {
			params.put(rs.getString(1), rs.getString(2));
		}, executionId);
		return params;
	}

	/**
	 * The text entries of the execution's context ({@link StoredContext}): the long form
	 * when there is one, else the short.
	 */
	ExecutionContext context(long executionId) {
		List<@Nullable String> serialized = jdbc.query(CONTEXT, (rs, n) -> {
			String text = rs.getString(2);
			return (text != null) ? text : rs.getString(1);
		}, executionId);
		String text = serialized.isEmpty() ? null : serialized.get(0);
		return (text == null) ? new ExecutionContext() : StoredContext.strings(executionId, text);
	}

	private static @Nullable LocalDateTime time(@Nullable Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toLocalDateTime() : null;
	}

	/**
	 * Made on first use: reading runs builds no object mapper, which costs a second of
	 * CPU.
	 */
	private static final class Serializer {

		static final ExecutionContextSerializer INSTANCE = new JacksonExecutionContextStringSerializer();

	}

	/**
	 * A run as the runs query gives it, when it has an execution: the latest one, their
	 * count and first start.
	 */
	record RunRow(long runId, String jobName, long lastExecution, int executions,
			@Nullable LocalDateTime firstStartedAt) {

		/** The run of the current row, or {@code null} when it has no execution. */
		static @Nullable RunRow of(ResultSet rs) throws SQLException {
			long last = rs.getLong(3);
			return rs.wasNull() ? null
					: new RunRow(rs.getLong(1), rs.getString(2), last, rs.getInt(4), time(rs.getTimestamp(5)));
		}

	}

	/** The status and times of a run's latest execution. */
	record LastExecution(BatchStatus status, @Nullable LocalDateTime startedAt, @Nullable LocalDateTime endedAt) {
	}

}
