package dev.glmbatch.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.glmbatch.pipeline.ResultStaging;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.core.repository.dao.JacksonExecutionContextStringSerializer;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Reads runs from the state database: the one query path of {@code list}, {@code status},
 * the API and the dashboard ({@link Runs} delegates here). It needs no Spring context, so
 * {@code list} and {@code status} answer without starting one, which alone costs seconds
 * of CPU on a small machine.
 *
 * <p>
 * It reads what Spring Batch's JDBC job repository writes, with the repository's meaning:
 * a run is a job instance; its status, parameters and execution context are those of its
 * latest execution (the highest execution id); the parameters are converted from their
 * text as the repository converts them; the context's text entries are read as
 * {@link #contextSerializer()}, the serializer the repository writes it with, writes them
 * ({@link StoredContext}). The tables have Spring Batch's default prefix, as everywhere
 * in glm-batch. A database without those tables has no runs: nothing here writes.
 */
public final class RunStateReader {

	/**
	 * H2's "database not found" when the URL forbids creating it ({@code IFEXISTS=TRUE}).
	 */
	private static final int H2_DATABASE_NOT_FOUND = 90146;

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

	/** {@code null}: the database does not exist yet. */
	private final @Nullable Database database;

	public RunStateReader(DataSource dataSource) {
		this.database = new Database(new JdbcTemplate(dataSource), new ResultStaging(dataSource));
	}

	private RunStateReader() {
		this.database = null;
	}

	/**
	 * Reads once from the database at {@code url}, on one connection and without a pool,
	 * for a command that reads and ends. It creates nothing: an H2 database that does not
	 * exist yet stays absent and reads as one without runs.
	 * @throws SQLException when the database cannot be opened (in use by another process,
	 * unreachable, refused)
	 */
	public static <T> T readOnce(String url, @Nullable String username, @Nullable String password,
			Function<RunStateReader, T> read) throws SQLException {
		Connection connection;
		try {
			connection = DriverManager.getConnection(withoutCreating(url), username, password);
		}
		catch (SQLException ex) {
			if (ex.getErrorCode() == H2_DATABASE_NOT_FOUND) {
				return read.apply(new RunStateReader());
			}
			throw ex;
		}
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(connection, true);
		try {
			return read.apply(new RunStateReader(dataSource));
		}
		finally {
			dataSource.destroy();
		}
	}

	/**
	 * An H2 URL that opens the database only if it exists; other URLs never create a
	 * database.
	 */
	private static String withoutCreating(String url) {
		return url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") ? url + ";IFEXISTS=TRUE" : url;
	}

	/**
	 * The serializer of execution contexts: the job repository writes them with it, and
	 * this reader reads them.
	 */
	public static ExecutionContextSerializer contextSerializer() {
		return Serializer.INSTANCE;
	}

	/**
	 * Runs, newest first: of each job its latest {@code max} runs, as Spring Batch's
	 * repository pages them, then the latest {@code max} of those; a run without an
	 * execution is left out.
	 */
	public List<RunSummary> list(int max) {
		Database db = withTables();
		if (db == null) {
			return List.of();
		}
		List<RunRow> runs = db.jdbc().query(RUNS.formatted(""), (ResultSetExtractor<List<RunRow>>) rs -> {
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
		return (runs == null) ? List.of() : runs.stream().map(run -> summary(db, run)).toList();
	}

	/** One run; empty when there is no such run, or it has no execution. */
	public Optional<RunSummary> status(long runId) {
		Database db = withTables();
		return (db == null) ? Optional.empty() : run(db, runId).map(run -> summary(db, run));
	}

	/** The reject file of a run, as the parameters of its latest execution name it. */
	public Optional<Path> rejectPath(long runId) {
		Database db = withTables();
		return (db == null) ? Optional.empty()
				: run(db, runId).map(run -> parameters(db, run.lastExecution()).get(RunParameters.REJECTS))
					.map(Path::of);
	}

	/**
	 * The database, when it exists and has the Spring Batch tables: a database no run has
	 * used yet lacks them.
	 */
	private @Nullable Database withTables() {
		if (database == null) {
			return null;
		}
		try {
			database.jdbc().queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE 1 = 0", Long.class);
			return database;
		}
		catch (BadSqlGrammarException ex) {
			return null;
		}
	}

	/** A run that has an execution. */
	private static Optional<RunRow> run(Database db, long runId) {
		List<Optional<RunRow>> runs = db.jdbc()
			.query(RUNS.formatted("WHERE I.JOB_INSTANCE_ID = ?"), (rs, n) -> Optional.ofNullable(RunRow.of(rs)), runId);
		return runs.isEmpty() ? Optional.empty() : runs.get(0);
	}

	private static RunSummary summary(Database db, RunRow run) {
		long executionId = run.lastExecution();
		LastExecution last = db.jdbc()
			.queryForObject(EXECUTION, (rs, n) -> new LastExecution(BatchStatus.valueOf(rs.getString(1)),
					time(rs.getTimestamp(2)), time(rs.getTimestamp(3))), executionId);
		if (last == null) {
			throw new IllegalStateException("Execution " + executionId + " of run " + run.runId() + " is missing");
		}
		Map<String, String> params = parameters(db, executionId);
		ExecutionContext context = context(db, executionId);
		boolean ended = last.status() == BatchStatus.FAILED || last.status() == BatchStatus.STOPPED;
		String rows = params.get(RunParameters.INPUT_ROWS);
		String resume = context.getString(RunParameters.RESUME_KEY, "");
		return new RunSummary(run.runId(), run.jobName(), RunStatus.of(last.status()), run.executions(),
				params.getOrDefault(RunParameters.INPUT, ""), params.getOrDefault(RunParameters.OUTPUT, ""),
				(rows != null) ? Long.valueOf(rows) : null, run.firstStartedAt(), last.startedAt(), last.endedAt(),
				db.staging().totals(run.runId()), FailureReason.stored(last.status(), context),
				(ended && !resume.isEmpty()) ? resume : null);
	}

	/**
	 * An execution's parameters as text, which is how the repository stores them;
	 * glm-batch's are strings and longs, which the repository converts from their text
	 * with {@code String} and {@code Long.valueOf}.
	 */
	private static Map<String, String> parameters(Database db, long executionId) {
		Map<String, String> params = new HashMap<>();
		db.jdbc().query(PARAMETERS, (ResultSet rs) -> {
			params.put(rs.getString(1), rs.getString(2));
		}, executionId);
		return params;
	}

	/**
	 * The text entries of the execution's context ({@link StoredContext}): the long form
	 * when there is one, else the short.
	 */
	private static ExecutionContext context(Database db, long executionId) {
		List<@Nullable String> serialized = db.jdbc().query(CONTEXT, (rs, n) -> {
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

	/** The database and its staging table. */
	private record Database(JdbcTemplate jdbc, ResultStaging staging) {
	}

	/**
	 * A run as the runs query gives it, when it has an execution: the latest one, their
	 * count and first start.
	 */
	private record RunRow(long runId, String jobName, long lastExecution, int executions,
			@Nullable LocalDateTime firstStartedAt) {

		/** The run of the current row, or {@code null} when it has no execution. */
		static @Nullable RunRow of(ResultSet rs) throws SQLException {
			long last = rs.getLong(3);
			return rs.wasNull() ? null
					: new RunRow(rs.getLong(1), rs.getString(2), last, rs.getInt(4), time(rs.getTimestamp(5)));
		}

	}

	private record LastExecution(BatchStatus status, @Nullable LocalDateTime startedAt,
			@Nullable LocalDateTime endedAt) {
	}

}
