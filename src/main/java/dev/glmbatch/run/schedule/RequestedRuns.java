package dev.glmbatch.run.schedule;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The runs this service started or resumed on request ({@code POST /api/jobs/{name}/runs}
 * on a job with one input, {@code POST /api/runs/{id}/resume}) that have not ended, kept
 * in the state database (table {@code GLMB_SERVICE_RUN}) so that they survive a shutdown
 * or a crash of the service.
 *
 * <p>
 * A run is recorded when it starts, and forgotten when it completes, fails, or stops on a
 * request for it or by its budget. It stays recorded when the service stops it on
 * shutdown or dies while it runs: those runs are resumed at the next start. Runs of
 * sweeps are recorded only when a shutdown stops them; after a crash the job's triggers
 * resume them. On PostgreSQL every service process sees the same records; the run lock
 * decides which process works a run. Thread-safe.
 */
class RequestedRuns {

	private final JdbcTemplate jdbc;

	RequestedRuns(DataSource dataSource) {
		this.jdbc = new JdbcTemplate(dataSource);
	}

	/**
	 * Records a run as started on request; recording it again (a resume) keeps one record
	 * with the new time.
	 */
	void add(long runId, String jobName, Instant startedAt) {
		Timestamp at = Timestamp.from(startedAt);
		if (jdbc.update("UPDATE GLMB_SERVICE_RUN SET STARTED_AT = ? WHERE RUN_ID = ?", at, runId) > 0) {
			return;
		}
		try {
			jdbc.update("INSERT INTO GLMB_SERVICE_RUN (RUN_ID, JOB_NAME, STARTED_AT) VALUES (?, ?, ?)", runId, jobName,
					at);
		}
		catch (DuplicateKeyException ex) {
			// another process recorded it at the same moment: one record is all it takes
		}
	}

	/** Forgets a run; nothing happens when it was not recorded. */
	void remove(long runId) {
		jdbc.update("DELETE FROM GLMB_SERVICE_RUN WHERE RUN_ID = ?", runId);
	}

	/** Every recorded run, oldest run first. */
	List<RequestedRun> all() {
		return jdbc.query("SELECT RUN_ID, JOB_NAME, STARTED_AT FROM GLMB_SERVICE_RUN ORDER BY RUN_ID",
				(row, index) -> new RequestedRun(row.getLong(1), row.getString(2), row.getTimestamp(3).toInstant()));
	}

}
