package dev.glmbatch.run;

import java.util.List;

import dev.glmbatch.pipeline.JobAssembler;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One partition of a distributed run as {@code status} shows it: its latest execution.
 *
 * @param name the partition, e.g. {@code partition001}
 * @param status its latest execution's status ({@code STARTING} while it waits for a
 * worker)
 * @param firstRow its first row, once a worker has taken it; {@code null} before
 * @param lastRow its last row, once a worker has taken it; {@code null} before
 * @param worker the worker (pid and host) that took it last; {@code null} before
 * @param stagedRows its rows committed so far, by every worker that had it
 */
public record PartitionState(String name, String status, @Nullable Long firstRow, @Nullable Long lastRow,
		@Nullable String worker, long stagedRows) {

	/** The partitions of a run, in name order; none for a run that is not distributed. */
	static List<PartitionState> of(JdbcTemplate jdbc, long runId) {
		String prefix = JobAssembler.PARTITION_STEP + ":";
		return jdbc.query("""
				SELECT s.STEP_NAME, s.STATUS, p.FIRST_ROW, p.LAST_ROW, p.WORKER,
				  (SELECT COUNT(*) FROM GLMB_RESULT r WHERE r.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
				   AND r.ROW_NO BETWEEN p.FIRST_ROW AND p.LAST_ROW)
				FROM BATCH_STEP_EXECUTION s
				JOIN BATCH_JOB_EXECUTION e ON e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID
				LEFT JOIN GLMB_PARTITION p ON p.STEP_EXECUTION_ID = (
				  SELECT MAX(l.STEP_EXECUTION_ID) FROM GLMB_PARTITION l
				  JOIN BATCH_STEP_EXECUTION ls ON ls.STEP_EXECUTION_ID = l.STEP_EXECUTION_ID
				  JOIN BATCH_JOB_EXECUTION le ON le.JOB_EXECUTION_ID = ls.JOB_EXECUTION_ID
				  WHERE le.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID AND ls.STEP_NAME = s.STEP_NAME)
				WHERE e.JOB_INSTANCE_ID = ? AND s.STEP_NAME LIKE ?
				AND s.STEP_EXECUTION_ID = (
				  SELECT MAX(s2.STEP_EXECUTION_ID) FROM BATCH_STEP_EXECUTION s2
				  JOIN BATCH_JOB_EXECUTION e2 ON e2.JOB_EXECUTION_ID = s2.JOB_EXECUTION_ID
				  WHERE e2.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID AND s2.STEP_NAME = s.STEP_NAME)
				ORDER BY s.STEP_NAME""",
				(rs, n) -> new PartitionState(rs.getString(1).substring(prefix.length()), rs.getString(2),
						(Long) rs.getObject(3, Long.class), (Long) rs.getObject(4, Long.class), rs.getString(5),
						rs.getLong(6)),
				runId, prefix + "%");
	}

}
