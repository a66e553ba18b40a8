package dev.glmbatch.run;

import java.util.ArrayList;
import java.util.List;

import dev.glmbatch.run.RunReview.RunPage;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pages through the runs of the state database newest first, for {@link RunReview}: the
 * page is chosen in SQL on the latest execution of each run (a run's status is its latest
 * execution's), and each run of the page is then read as {@code status} reads it, so the
 * history shows what {@code list} shows.
 */
final class RunHistory {

	private static final String LATEST_EXECUTION = """
			FROM BATCH_JOB_INSTANCE I JOIN BATCH_JOB_EXECUTION E ON E.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID
			WHERE E.JOB_EXECUTION_ID = (SELECT MAX(X.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION X
			  WHERE X.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID)""";

	private final JdbcTemplate jdbc;

	private final RunStateReader reader;

	RunHistory(JdbcTemplate jdbc, RunStateReader reader) {
		this.jdbc = jdbc;
		this.reader = reader;
	}

	RunPage page(@Nullable String job, @Nullable RunStatus status, int page, int size) {
		StringBuilder where = new StringBuilder(LATEST_EXECUTION);
		List<Object> args = new ArrayList<>();
		if (job != null) {
			where.append(" AND I.JOB_NAME = ?");
			args.add(job);
		}
		if (status != null) {
			where.append(" AND E.STATUS = ?");
			args.add(status.name());
		}
		Long total = jdbc.queryForObject("SELECT COUNT(*) " + where, Long.class, args.toArray());
		List<Object> paged = new ArrayList<>(args);
		paged.add((long) page * size);
		paged.add(size);
		List<Long> ids = jdbc.query(
				"SELECT I.JOB_INSTANCE_ID " + where
						+ " ORDER BY I.JOB_INSTANCE_ID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
				(rs, n) -> rs.getLong(1), paged.toArray());
		List<RunSummary> runs = ids.stream().flatMap(id -> reader.status(id).stream()).toList();
		return new RunPage(page, size, (total != null) ? total : 0, runs);
	}

}
