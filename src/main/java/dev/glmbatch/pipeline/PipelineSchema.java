package dev.glmbatch.pipeline;

import java.sql.DatabaseMetaData;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Creates the pipeline's own tables beside Spring Batch's, in the same database, so that staging rows commit in the
 * same transaction as the step's checkpoint. Idempotent.
 */
public final class PipelineSchema {

	private PipelineSchema() {
	}

	public static void create(DataSource dataSource) {
		String text = textType(dataSource);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
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
				  PRIMARY KEY (JOB_INSTANCE_ID, FINGERPRINT))""".formatted(text), """
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
				  PRIMARY KEY (JOB_INSTANCE_ID, ROW_NO))""".formatted(text), """
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
