package dev.glmbatch.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.glmbatch.pipeline.ResultStaging;
import dev.glmbatch.run.JobRepositoryTables.LastExecution;
import dev.glmbatch.run.JobRepositoryTables.RunRow;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Reads runs from the state database: the one query path of {@code list}, {@code status},
 * the API and the dashboard ({@link Runs} delegates here). It needs no Spring context, so
 * {@code list} and {@code status} answer without starting one, which alone costs seconds
 * of CPU on a small machine.
 *
 * <p>
 * It reads what Spring Batch's JDBC job repository writes, with the repository's meaning
 * ({@link JobRepositoryTables} holds the queries), and adds the result staging's totals.
 * A database without those tables has no runs: nothing here writes.
 */
public final class RunStateReader {

	/**
	 * H2's "database not found" when the URL forbids creating it ({@code IFEXISTS=TRUE}).
	 */
	private static final int H2_DATABASE_NOT_FOUND = 90146;

	/** {@code null}: the database does not exist yet. */
	private final @Nullable Database database;

	public RunStateReader(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		this.database = new Database(new JobRepositoryTables(jdbc), new ResultStaging(dataSource), jdbc);
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
		return JobRepositoryTables.contextSerializer();
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
		return db.tables().latestRuns(max).stream().map(run -> summary(db, run)).toList();
	}

	/** One run; empty when there is no such run, or it has no execution. */
	public Optional<RunSummary> status(long runId) {
		Database db = withTables();
		return (db == null) ? Optional.empty() : db.tables().run(runId).map(run -> summary(db, run));
	}

	/**
	 * The partitions of a distributed run, in order, each as its latest execution left
	 * it; none for a run one process worked.
	 */
	public List<PartitionState> partitions(long runId) {
		Database db = withTables();
		return (db == null) ? List.of() : PartitionState.of(db.jdbc(), runId);
	}

	/** The reject file of a run, as the parameters of its latest execution name it. */
	public Optional<Path> rejectPath(long runId) {
		Database db = withTables();
		return (db == null) ? Optional.empty()
				: db.tables()
					.run(runId)
					.map(run -> db.tables().parameters(run.lastExecution()).get(RunParameters.REJECTS))
					.map(Path::of);
	}

	/**
	 * The database, when it exists and has the Spring Batch tables: a database no run has
	 * used yet lacks them.
	 */
	private @Nullable Database withTables() {
		return (database != null && database.tables().exist()) ? database : null;
	}

	private static RunSummary summary(Database db, RunRow run) {
		long executionId = run.lastExecution();
		LastExecution last = db.tables().lastExecution(run);
		Map<String, String> params = db.tables().parameters(executionId);
		ExecutionContext context = db.tables().context(executionId);
		boolean ended = last.status() == BatchStatus.FAILED || last.status() == BatchStatus.STOPPED;
		String rows = params.get(RunParameters.INPUT_ROWS);
		String resume = context.getString(RunParameters.RESUME_KEY, "");
		return new RunSummary(run.runId(), run.jobName(), RunStatus.of(last.status()), run.executions(),
				params.getOrDefault(RunParameters.INPUT, ""), params.getOrDefault(RunParameters.OUTPUT, ""),
				(rows != null) ? Long.valueOf(rows) : null, run.firstStartedAt(), last.startedAt(), last.endedAt(),
				db.staging().totals(run.runId()), FailureReason.stored(last.status(), context),
				(ended && !resume.isEmpty()) ? resume : null);
	}

	/** The database, its staging table, and statements on it. */
	private record Database(JobRepositoryTables tables, ResultStaging staging, JdbcTemplate jdbc) {
	}

}
