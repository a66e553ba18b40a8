package dev.glmbatch.bench;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import dev.glmbatch.testsupport.StateSchema;
import dev.glmbatch.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a unit test: a measurement, skipped unless {@code -Dglmbatch.bench=true}. Fills the
 * call ledger of a fresh state database with answers shaped like a catalogue
 * translation's (a 64-character fingerprint, an answer of about 60 characters, a response
 * id, token counts and cost) and logs how much the ledger, its indexes included, takes
 * per million answers: on H2 (the file grown, after compaction) and, when
 * {@code GLMBATCH_TEST_POSTGRES_URL} is set, on PostgreSQL (the table's total relation
 * size, in a schema of its own). Run with:
 *
 * <pre>
 * ./mvnw -B -o surefire:test -Dtest=LedgerSizeBenchmark -Dglmbatch.bench=true [-Dglmbatch.bench.answers=N]
 * </pre>
 */
@EnabledIfSystemProperty(named = "glmbatch.bench", matches = "true")
class LedgerSizeBenchmark {

	private static final Logger log = LoggerFactory.getLogger(LedgerSizeBenchmark.class);

	private static final String INSERT = """
			INSERT INTO GLMB_CALL_LEDGER (JOB_INSTANCE_ID, FINGERPRINT, CONTENT, REASONING, FINISH_REASON, MODEL,
			  RESPONSE_ID, PROMPT_TOKENS, COMPLETION_TOKENS, CACHED_TOKENS, COST_USD, ATTEMPTS, CREATED_AT,
			  TOOL_CALLS_JSON, REASONING_TOKENS)
			VALUES (?, ?, ?, NULL, 'STOP', 'glm-4.5-air', ?, 120, 24, 96, ?, 1, ?, NULL, 0)""";

	@TempDir
	Path dir;

	@Test
	void measuresTheLedgerPerMillionAnswers() throws Exception {
		int answers = Integer.getInteger("glmbatch.bench.answers", 200_000);
		Path h2 = dir.resolve("state");
		DataSource h2Source = new DriverManagerDataSource("jdbc:h2:file:" + h2, "sa", "");
		StateSchema.migrate(h2Source);
		compact(h2Source);
		long emptyBytes = Files.size(dir.resolve("state.mv.db"));
		fill(h2Source, answers);
		compact(h2Source);
		long h2Bytes = Files.size(dir.resolve("state.mv.db")) - emptyBytes;
		log.info(figure("H2", answers, h2Bytes));
		assertThat(h2Bytes).isPositive();

		String postgres = TestDatabases.postgresUrl();
		if (postgres != null) {
			String schema = "ledger_bench_" + Long.toString(System.nanoTime(), 36);
			try (Connection connection = TestDatabases.postgresConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE SCHEMA " + schema);
			}
			try {
				DataSource pgSource = new DriverManagerDataSource(
						postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema, "batch", "batch");
				StateSchema.migrate(pgSource);
				JdbcTemplate jdbc = new JdbcTemplate(pgSource);
				long before = size(jdbc);
				fill(pgSource, answers);
				jdbc.execute("VACUUM ANALYZE GLMB_CALL_LEDGER");
				long pgBytes = size(jdbc) - before;
				log.info(figure("PostgreSQL", answers, pgBytes));
				assertThat(pgBytes).isPositive();
			}
			finally {
				try (Connection connection = TestDatabases.postgresConnection();
						Statement statement = connection.createStatement()) {
					statement.execute("DROP SCHEMA " + schema + " CASCADE");
				}
			}
		}
	}

	private static void fill(DataSource dataSource, int answers) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		Timestamp now = Timestamp.from(Instant.now());
		int batch = 5_000;
		for (int from = 0; from < answers; from += batch) {
			List<Object[]> rows = new ArrayList<>(batch);
			for (int i = from; i < Math.min(answers, from + batch); i++) {
				rows.add(new Object[] { 1 + i / 10_000, fingerprint(i),
						"[French] Chaussure de randonnée imperméable, modèle " + i + ", taille 42",
						"2026120213" + String.format(Locale.ROOT, "%016d", i) + "abcdef", new BigDecimal("0.0000528"),
						now });
			}
			jdbc.batchUpdate(INSERT, rows);
		}
	}

	/** A SHA-256 in hex, as a request's fingerprint is. */
	private static String fingerprint(int answer) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256")
					.digest(Integer.toString(answer).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void compact(DataSource dataSource) {
		new JdbcTemplate(dataSource).execute("SHUTDOWN COMPACT");
	}

	private static long size(JdbcTemplate jdbc) {
		Long bytes = jdbc.queryForObject("SELECT pg_total_relation_size('glmb_call_ledger')", Long.class);
		return (bytes != null) ? bytes : 0;
	}

	private static String figure(String database, int answers, long bytes) {
		return String.format(Locale.ROOT,
				"%s: %,d answers take %,d bytes in the call ledger: %.0f MB per million answers", database, answers,
				bytes, bytes * (1_000_000.0 / answers) / 1_000_000.0);
	}

}
