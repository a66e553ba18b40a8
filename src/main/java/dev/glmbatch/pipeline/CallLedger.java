package dev.glmbatch.pipeline;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.TokenUsage;
import dev.glmbatch.llm.ToolCall;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every paid GLM answer of a run, keyed by the request's fingerprint, each stored in its
 * own committed transaction as soon as it arrives. Chunk rollbacks, restarts and
 * recovered crashes look here before calling GLM again, so a row's answer is paid for
 * once. An answer's function calls are kept with it, as JSON. Thread-safe.
 */
public final class CallLedger {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	public CallLedger(DataSource dataSource, PlatformTransactionManager transactionManager) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	public Optional<ChatAnswer> find(long jobInstanceId, String fingerprint) {
		List<ChatAnswer> answers = ownTransaction.execute(status -> jdbc.query("""
				SELECT CONTENT, REASONING, FINISH_REASON, MODEL, RESPONSE_ID, PROMPT_TOKENS, COMPLETION_TOKENS,
				       CACHED_TOKENS, COST_USD, ATTEMPTS, TOOL_CALLS_JSON, REASONING_TOKENS
				FROM GLMB_CALL_LEDGER WHERE JOB_INSTANCE_ID = ? AND FINGERPRINT = ?""",
				(rs, n) -> new ChatAnswer(rs.getString(1), rs.getString(2), FinishReason.valueOf(rs.getString(3)),
						new TokenUsage(rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(12)),
						rs.getBigDecimal(9), rs.getString(4), rs.getString(5), rs.getInt(10),
						toolCalls(rs.getString(11))),
				jobInstanceId, fingerprint));
		return answers == null || answers.isEmpty() ? Optional.empty() : Optional.of(answers.get(0));
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
