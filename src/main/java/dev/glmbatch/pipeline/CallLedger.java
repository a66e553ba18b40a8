package dev.glmbatch.pipeline;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.TokenUsage;
import dev.glmbatch.llm.ToolCall;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every paid GLM answer of a run, keyed by the request's fingerprint, each stored in its
 * own committed transaction as soon as it arrives. Chunk rollbacks, restarts and
 * recovered crashes look here before calling GLM again, so a row's answer is paid for
 * once ({@link #find}); a new run of any job looks here too ({@link #findEarlier}), so
 * that an unchanged request is paid for once across runs. An answer's function calls are
 * kept with it, as JSON. Thread-safe.
 */
public final class CallLedger {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final String SELECT_ANSWER = """
			SELECT CONTENT, REASONING, FINISH_REASON, MODEL, RESPONSE_ID, PROMPT_TOKENS, COMPLETION_TOKENS,
			       CACHED_TOKENS, COST_USD, ATTEMPTS, TOOL_CALLS_JSON, REASONING_TOKENS
			FROM GLMB_CALL_LEDGER""";

	private static final RowMapper<ChatAnswer> ANSWER = (rs, n) -> new ChatAnswer(rs.getString(1), rs.getString(2),
			FinishReason.valueOf(rs.getString(3)),
			new TokenUsage(rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(12)), rs.getBigDecimal(9),
			rs.getString(4), rs.getString(5), rs.getInt(10), toolCalls(rs.getString(11)));

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	public CallLedger(DataSource dataSource, PlatformTransactionManager transactionManager) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.ownTransaction = new TransactionTemplate(transactionManager,
				new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRES_NEW));
	}

	/** The answer this run paid for this request, if any. */
	public Optional<ChatAnswer> find(long jobInstanceId, String fingerprint) {
		return first(ownTransaction
			.execute(status -> jdbc.query(SELECT_ANSWER + " WHERE JOB_INSTANCE_ID = ? AND FINGERPRINT = ?", ANSWER,
					jobInstanceId, fingerprint)));
	}

	/**
	 * The newest answer another run paid for this request, if any: the same fingerprint
	 * is the same model, settings and prompt, so its answer is the one this run would
	 * buy. It is not copied into this run's entries; the caller counts it as taken from
	 * an earlier run, each time it takes it.
	 */
	public Optional<ChatAnswer> findEarlier(long jobInstanceId, String fingerprint) {
		return first(ownTransaction.execute(status -> jdbc
			.query(SELECT_ANSWER + " WHERE FINGERPRINT = ? AND JOB_INSTANCE_ID <> ? ORDER BY CREATED_AT DESC"
					+ " FETCH FIRST 1 ROWS ONLY", ANSWER, fingerprint, jobInstanceId)));
	}

	/**
	 * Which of {@code fingerprints} have an answer: one this run paid for, or, when
	 * {@code earlierRuns}, one any run paid for. One query per thousand fingerprints, for
	 * callers that look up a whole input's requests at once.
	 */
	public Set<String> answered(long jobInstanceId, Collection<String> fingerprints, boolean earlierRuns) {
		Set<String> found = new HashSet<>();
		List<String> all = List.copyOf(fingerprints);
		for (int from = 0; from < all.size(); from += 1000) {
			List<String> part = all.subList(from, Math.min(all.size(), from + 1000));
			List<Object> arguments = new ArrayList<>(part);
			String run = "";
			if (!earlierRuns) {
				run = " AND JOB_INSTANCE_ID = ?";
				arguments.add(jobInstanceId);
			}
			found.addAll(jdbc.queryForList(
					"SELECT DISTINCT FINGERPRINT FROM GLMB_CALL_LEDGER WHERE FINGERPRINT IN ("
							+ String.join(", ", Collections.nCopies(part.size(), "?")) + ")" + run,
					String.class, arguments.toArray()));
		}
		return found;
	}

	private static Optional<ChatAnswer> first(@Nullable List<ChatAnswer> answers) {
		return (answers == null || answers.isEmpty()) ? Optional.empty() : Optional.of(answers.get(0));
	}

	public void record(long jobInstanceId, String fingerprint, ChatAnswer answer) {
		try {
			ownTransaction.executeWithoutResult(status -> jdbc.update(
					"""
							INSERT INTO GLMB_CALL_LEDGER (JOB_INSTANCE_ID, FINGERPRINT, CONTENT, REASONING, FINISH_REASON, MODEL,
							  RESPONSE_ID, PROMPT_TOKENS, COMPLETION_TOKENS, CACHED_TOKENS, COST_USD, ATTEMPTS, CREATED_AT,
							  TOOL_CALLS_JSON, REASONING_TOKENS)
							VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
					jobInstanceId, fingerprint, answer.content(), answer.reasoning(), answer.finishReason().name(),
					answer.model(), answer.responseId(), answer.usage().promptTokens(),
					answer.usage().completionTokens(), answer.usage().cachedTokens(), answer.costUsd(),
					answer.attempts(), Timestamp.from(Instant.now()), toolCallsJson(answer.toolCalls()),
					answer.usage().reasoningTokens()));
		}
		catch (DuplicateKeyException ex) {
			// the same request was answered twice at once (identical rows in flight): the
			// first answer stands
		}
	}

	private static @Nullable String toolCallsJson(List<ToolCall> calls) {
		return calls.isEmpty() ? null : json.writeValueAsString(calls);
	}

	private static List<ToolCall> toolCalls(@Nullable String stored) {
		return (stored == null) ? List.of() : List.of(json.readValue(stored, ToolCall[].class));
	}

	/**
	 * Removes answers that no run will look up again, or only counts them. An answer of a
	 * run still held by a process (its lock) is kept whatever its age: that run may still
	 * need it not to pay twice.
	 * @param paidBefore answers paid before this instant, or {@code null} for none by age
	 * @param ofDeletedRuns the answers of runs no longer in the state database
	 * @param dryRun count what would go, remove nothing
	 */
	public Pruned prune(@Nullable Instant paidBefore, boolean ofDeletedRuns, boolean dryRun) {
		List<Object> arguments = new ArrayList<>();
		List<String> conditions = new ArrayList<>();
		if (paidBefore != null) {
			conditions.add("(L.CREATED_AT < ? AND L.JOB_INSTANCE_ID NOT IN"
					+ " (SELECT K.JOB_INSTANCE_ID FROM GLMB_RUN_LOCK K WHERE K.JOB_INSTANCE_ID IS NOT NULL))");
			arguments.add(Timestamp.from(paidBefore));
		}
		if (ofDeletedRuns) {
			conditions
				.add("NOT EXISTS (SELECT 1 FROM BATCH_JOB_INSTANCE I WHERE I.JOB_INSTANCE_ID = L.JOB_INSTANCE_ID)");
		}
		if (conditions.isEmpty()) {
			return new Pruned(0, 0, BigDecimal.ZERO);
		}
		String where = " FROM GLMB_CALL_LEDGER L WHERE " + String.join(" OR ", conditions);
		Object[] values = arguments.toArray();
		Pruned found = Objects.requireNonNull(jdbc.queryForObject(
				"SELECT COUNT(*), COUNT(DISTINCT L.JOB_INSTANCE_ID), COALESCE(SUM(L.COST_USD), 0)" + where,
				(rs, n) -> new Pruned(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3)), values));
		if (!dryRun && found.answers() > 0) {
			ownTransaction.executeWithoutResult(status -> jdbc.update("DELETE" + where, values));
		}
		return found;
	}

	/**
	 * Answers {@link #prune} removed, or would remove.
	 *
	 * @param answers ledger entries
	 * @param runs the runs they belong to
	 * @param costUsd what they cost when they were paid
	 */
	public record Pruned(long answers, long runs, BigDecimal costUsd) {
	}

	/** Answers recorded for a run, what they cost and the tokens they used. */
	public LedgerTotals totals(long jobInstanceId) {
		return jdbc.queryForObject("""
				SELECT COUNT(*), COALESCE(SUM(COST_USD), 0), COALESCE(SUM(PROMPT_TOKENS + COMPLETION_TOKENS), 0)
				FROM GLMB_CALL_LEDGER WHERE JOB_INSTANCE_ID = ?""",
				(rs, n) -> new LedgerTotals(rs.getLong(1), rs.getBigDecimal(2), rs.getLong(3)), jobInstanceId);
	}

	/**
	 * What a run has paid for, committed or not.
	 *
	 * @param answers paid answers
	 * @param costUsd their cost
	 * @param tokens their prompt plus completion tokens
	 */
	public record LedgerTotals(long answers, BigDecimal costUsd, long tokens) {
	}

}
