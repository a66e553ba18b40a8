package dev.glmbatch.pipeline;

import java.sql.DatabaseMetaData;
import java.sql.ResultSetMetaData;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Creates the pipeline's own tables beside Spring Batch's, in the same database, so that staging rows commit in the
 * same transaction as the step's checkpoint, and adds the columns that later versions added to a database made
 * before them. Idempotent: runs at every start.
 */
public final class PipelineSchema {

	/**
	 * Columns added to {@code GLMB_RESULT} after it was first shipped, each with a default so that a database made
	 * before takes them: the tokens and cost of the calls made with thinking on, the reasoning part of the completion
	 * tokens (as the provider reports it), and the calls paid to a model without a price. A new database has them
	 * from its {@code CREATE TABLE}; an older one gets them by {@code ALTER TABLE} at its first start.
	 */
	private static final List<String> ADDED_RESULT_COLUMNS = List.of(
			"THINKING_PROMPT_TOKENS BIGINT DEFAULT 0 NOT NULL",
			"THINKING_COMPLETION_TOKENS BIGINT DEFAULT 0 NOT NULL",
			"THINKING_CACHED_TOKENS BIGINT DEFAULT 0 NOT NULL",
			"THINKING_COST_USD DECIMAL(24, 12) DEFAULT 0 NOT NULL",
			"REASONING_TOKENS BIGINT DEFAULT 0 NOT NULL",
			"THINKING_REASONING_TOKENS BIGINT DEFAULT 0 NOT NULL",
			"UNPRICED_CALLS BIGINT DEFAULT 0 NOT NULL");

	/**
	 * Columns added to {@code GLMB_CALL_LEDGER} after it was first shipped, the same way ({@code %1$s} is the
	 * database's text type): the reasoning part of the completion tokens, and the function calls of an answer as a
	 * JSON array ({@code null} for an answer without any).
	 */
	private static final List<String> ADDED_LEDGER_COLUMNS = List.of("REASONING_TOKENS BIGINT DEFAULT 0 NOT NULL",
			"TOOL_CALLS_JSON %1$s");

	private PipelineSchema() {
	}

	public static void create(DataSource dataSource) {
		String text = textType(dataSource);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		List<String> ledgerColumns = ADDED_LEDGER_COLUMNS.stream()
			.map(definition -> definition.formatted(text))
			.toList();
		List<String> statements = List.of("""
				CREATE TABLE IF NOT EXISTS GLMB_CALL_LEDGER (
				  JOB_INSTANCE_ID BIGINT NOT NULL,
				  FINGERPRINT VARCHAR(64) NOT NULL,
				  CONTENT %1$s NOT NULL,
				  REASONING %1$s,
				  FINISH_REASON VARCHAR(40) NOT NULL,
				  MODEL VARCHAR(100) NOT NULL,
				  RESPONSE_ID VARCHAR(100) NOT NULL,
				  PROMPT_TOKENS BIGINT NOT NULL,
				  COMPLETION_TOKENS BIGINT NOT NULL,
				  CACHED_TOKENS BIGINT NOT NULL,
				  COST_USD DECIMAL(24, 12) NOT NULL,
				  ATTEMPTS INT NOT NULL,
				  CREATED_AT TIMESTAMP NOT NULL,
				  %2$s,
				  PRIMARY KEY (JOB_INSTANCE_ID, FINGERPRINT))""".formatted(text, String.join(",\n  ", ledgerColumns)), """
				CREATE TABLE IF NOT EXISTS GLMB_RESULT (
				  JOB_INSTANCE_ID BIGINT NOT NULL,
				  ROW_NO BIGINT NOT NULL,
				  LINE_NO BIGINT NOT NULL,
				  STATUS VARCHAR(16) NOT NULL,
				  INPUT_JSON %1$s NOT NULL,
				  OUTPUT_JSON %1$s NOT NULL,
				  REASON %1$s,
				  CALLS BIGINT NOT NULL,
				  REUSED_CALLS BIGINT NOT NULL,
				  THINKING_CALLS BIGINT NOT NULL,
				  ESCALATIONS BIGINT NOT NULL,
				  PROMPT_TOKENS BIGINT NOT NULL,
				  COMPLETION_TOKENS BIGINT NOT NULL,
				  CACHED_TOKENS BIGINT NOT NULL,
				  COST_USD DECIMAL(24, 12) NOT NULL,
				  %2$s,
				  PRIMARY KEY (JOB_INSTANCE_ID, ROW_NO))""".formatted(text, String.join(",\n  ", ADDED_RESULT_COLUMNS)), """
				CREATE TABLE IF NOT EXISTS GLMB_ROW_CHECK (
				  JOB_INSTANCE_ID BIGINT NOT NULL,
				  ROW_NO BIGINT NOT NULL,
				  REPAIRS BIGINT NOT NULL,
				  FAILURES_JSON %1$s NOT NULL,
				  PRIMARY KEY (JOB_INSTANCE_ID, ROW_NO))""".formatted(text), """
				CREATE TABLE IF NOT EXISTS GLMB_RUN_LOCK (
				  RUN_KEY VARCHAR(64) NOT NULL PRIMARY KEY,
				  JOB_INSTANCE_ID BIGINT,
				  OWNER VARCHAR(200) NOT NULL,
				  HEARTBEAT_AT TIMESTAMP NOT NULL,
				  STOP_REQUESTED INT DEFAULT 0 NOT NULL)""");
		statements.forEach(jdbc::execute);
		addMissingColumns(jdbc, "GLMB_CALL_LEDGER", ledgerColumns);
		if (addMissingColumns(jdbc, "GLMB_RESULT", ADDED_RESULT_COLUMNS.subList(0, 4))) {
			// rows staged before: exact where every call had the same thinking; an escalated row counts as off
			jdbc.update("""
					UPDATE GLMB_RESULT SET THINKING_PROMPT_TOKENS = PROMPT_TOKENS,
					  THINKING_COMPLETION_TOKENS = COMPLETION_TOKENS, THINKING_CACHED_TOKENS = CACHED_TOKENS,
					  THINKING_COST_USD = COST_USD
					WHERE THINKING_CALLS > 0 AND THINKING_CALLS = CALLS""");
		}
		// rows staged before reasoning tokens and prices were kept: no reasoning reported, every call priced
		addMissingColumns(jdbc, "GLMB_RESULT", ADDED_RESULT_COLUMNS.subList(4, ADDED_RESULT_COLUMNS.size()));
	}

	/**
	 * Adds each column the table lacks. Columns it has are not altered again: on PostgreSQL even a no-op ALTER TABLE
	 * waits for every open transaction on the table, such as another process's export. {@code IF NOT EXISTS} covers
	 * two processes starting at once.
	 * @return whether any column was missing
	 */
	private static boolean addMissingColumns(JdbcTemplate jdbc, String table, List<String> definitions) {
		Set<String> present = jdbc.query("SELECT * FROM " + table + " WHERE 1 = 0", rs -> {
			Set<String> names = new HashSet<>();
			ResultSetMetaData meta = rs.getMetaData();
			for (int column = 1; column <= meta.getColumnCount(); column++) {
				names.add(meta.getColumnName(column).toUpperCase(Locale.ROOT));
			}
			return names;
		});
		boolean added = false;
		for (String definition : definitions) {
			String name = definition.substring(0, definition.indexOf(' '));
			if (present == null || !present.contains(name)) {
				jdbc.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS " + definition);
				added = true;
			}
		}
		return added;
	}

	private static String textType(DataSource dataSource) {
		try {
			String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
			return product.toLowerCase(Locale.ROOT).contains("postgres") ? "TEXT" : "CLOB";
		}
		catch (MetaDataAccessException ex) {
			throw new IllegalStateException("Cannot read the state database's metadata", ex);
		}
	}

}
