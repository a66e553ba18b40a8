package dev.glmbatch.pipeline;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import dev.glmbatch.llm.BatchLine;
import dev.glmbatch.llm.BatchState;
import dev.glmbatch.llm.TokenUsage;
import dev.glmbatch.progress.BatchTotals;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The batches each run submitted, and the row and request fingerprint of each of their
 * lines ({@code GLMB_BATCH}, {@code GLMB_BATCH_LINE}). A batch is recorded, in its own
 * committed transaction, as soon as it is created and before it is polled, so that a
 * process killed after submitting finds it again and never submits its lines twice.
 * Thread-safe.
 */
public final class BatchRecords {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	public BatchRecords(DataSource dataSource, PlatformTransactionManager transactionManager) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.ownTransaction = new TransactionTemplate(transactionManager,
				new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW));
	}

	/**
	 * Records a batch just created, with the fingerprint and row of each line.
	 * @param fingerprints the request fingerprint of each line, by {@code custom_id}
	 * @param rows the row of each line, by {@code custom_id}
	 */
	void submitted(long jobInstanceId, String model, BatchState batch, List<BatchLine> lines,
			Map<String, String> fingerprints, Map<String, Long> rows) {
		ownTransaction.executeWithoutResult((status) -> {
			jdbc.update(
					"""
							INSERT INTO GLMB_BATCH (BATCH_ID, JOB_INSTANCE_ID, MODEL, INPUT_FILE_ID, STATUS, LINE_COUNT, ANSWERED,
							  FAILED, PROMPT_TOKENS, COMPLETION_TOKENS, COST_USD, SUBMITTED_AT)
							VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, ?)""",
					batch.id(), jobInstanceId, model, batch.inputFileId(), batch.status().wire(), lines.size(),
					Timestamp.from(Instant.now()));
			jdbc.batchUpdate(
					"INSERT INTO GLMB_BATCH_LINE (BATCH_ID, CUSTOM_ID, FINGERPRINT, ROW_NO) VALUES (?, ?, ?, ?)",
					lines.stream()
						.map((line) -> new Object[] { batch.id(), line.customId(),
								Objects.requireNonNull(fingerprints.get(line.customId())),
								Objects.requireNonNull(rows.get(line.customId())) })
						.toList());
		});
	}

	/** The run's batches whose answers are not in the ledger yet, oldest first. */
	List<Open> open(long jobInstanceId) {
		return jdbc.query(
				"SELECT BATCH_ID, SUBMITTED_AT FROM GLMB_BATCH WHERE JOB_INSTANCE_ID = ? AND ENDED_AT IS NULL"
						+ " ORDER BY SUBMITTED_AT, BATCH_ID",
				(rs, n) -> new Open(rs.getString(1), rs.getTimestamp(2).toInstant()), jobInstanceId);
	}

	/** When the run submitted its first batch, or {@code null} before it has any. */
	@Nullable Instant firstSubmitted(long jobInstanceId) {
		Timestamp first = jdbc.queryForObject("SELECT MIN(SUBMITTED_AT) FROM GLMB_BATCH WHERE JOB_INSTANCE_ID = ?",
				Timestamp.class, jobInstanceId);
		return (first != null) ? first.toInstant() : null;
	}

	/** The request fingerprints of every line the run has submitted in any batch. */
	Set<String> submittedFingerprints(long jobInstanceId) {
		return new HashSet<>(jdbc.queryForList("""
				SELECT L.FINGERPRINT FROM GLMB_BATCH_LINE L JOIN GLMB_BATCH B ON B.BATCH_ID = L.BATCH_ID
				WHERE B.JOB_INSTANCE_ID = ?""", String.class, jobInstanceId));
	}

	/** The fingerprint of each line of a batch, by {@code custom_id}. */
	Map<String, String> lines(String batchId) {
		Map<String, String> lines = new HashMap<>();
		jdbc.query("SELECT CUSTOM_ID, FINGERPRINT FROM GLMB_BATCH_LINE WHERE BATCH_ID = ?",
				(RowCallbackHandler) (rs) -> lines.put(rs.getString(1), rs.getString(2)), batchId);
		return lines;
	}

	/** Notes the status a batch was last seen in. */
	void seen(String batchId, BatchState.Status status) {
		ownTransaction.executeWithoutResult(
				(tx) -> jdbc.update("UPDATE GLMB_BATCH SET STATUS = ? WHERE BATCH_ID = ?", status.wire(), batchId));
	}

	/**
	 * Closes a batch whose answers are in the ledger now (or that ended without any): it
	 * is not polled again.
	 */
	void ended(String batchId, BatchState.Status status, int answered, int failed, TokenUsage usage,
			BigDecimal costUsd) {
		ownTransaction.executeWithoutResult((tx) -> jdbc.update("""
				UPDATE GLMB_BATCH SET STATUS = ?, ANSWERED = ?, FAILED = ?, PROMPT_TOKENS = ?, COMPLETION_TOKENS = ?,
				  COST_USD = ?, ENDED_AT = ? WHERE BATCH_ID = ?""", status.wire(), answered, failed,
				usage.promptTokens(), usage.completionTokens(), costUsd, Timestamp.from(Instant.now()), batchId));
	}

	/** What a run's batches brought, over all its executions. */
	public BatchTotals totals(long jobInstanceId) {
		return Objects.requireNonNull(jdbc.queryForObject("""
				SELECT COUNT(*), COALESCE(SUM(LINE_COUNT), 0), COALESCE(SUM(ANSWERED), 0), COALESCE(SUM(FAILED), 0),
				  COALESCE(SUM(PROMPT_TOKENS + COMPLETION_TOKENS), 0), COALESCE(SUM(COST_USD), 0)
				FROM GLMB_BATCH WHERE JOB_INSTANCE_ID = ?""", (rs, n) -> new BatchTotals(rs.getLong(1), rs.getLong(2),
				rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getBigDecimal(6)), jobInstanceId));
	}

	/** A batch not yet closed, and when it was submitted. */
	record Open(String batchId, Instant submittedAt) {
	}

}
