package dev.glmbatch.pipeline;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.TokenUsage;
import dev.glmbatch.progress.RunTotals;
import dev.glmbatch.progress.Spend;
import dev.glmbatch.run.RunFigures;
import dev.glmbatch.run.RunOptions;
import dev.glmbatch.run.RunOutcome;
import dev.glmbatch.run.RunStatus;
import dev.glmbatch.run.Runs;
import dev.glmbatch.task.CallStats;
import dev.glmbatch.task.TaskResult;
import dev.glmbatch.testsupport.AbstractApplicationTests;
import dev.glmbatch.testsupport.StateSchema;
import dev.glmbatch.testsupport.TestDatabases;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import static dev.glmbatch.testsupport.RunOutcomeAssert.assertThat;
import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The state database's migrations on databases made before them. One whose
 * {@code GLMB_RESULT} was made before the thinking split: the columns are added, the rows
 * staged before keep their totals, and new rows are staged with their split. One made by
 * the version just before migrations (every table, no migration history): baselined,
 * upgraded in place, and a job runs on it. On H2, and on PostgreSQL (in a schema of its
 * own) when {@code .ci/run} starts one.
 */
class StateSchemaMigrationTests extends AbstractApplicationTests {

	private static final long RUN = 9_999;

	static Stream<String> databases() {
		return TestDatabases.names();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void addsTheThinkingColumnsToAResultTableMadeBeforeThemAndKeepsItsRows(String database) throws IOException {
		try (OldDatabase old = OldDatabase.create(database, dir)) {
			JdbcTemplate jdbc = new JdbcTemplate(old.dataSource());
			// given: one row whose every call thought, one escalated row, one row that
			// never thought
			insertOldRow(jdbc, 1, 1, 1, 0, 100, 900, 40, "0.020");
			insertOldRow(jdbc, 2, 3, 1, 1, 300, 1000, 0, "0.030");
			insertOldRow(jdbc, 3, 1, 0, 0, 50, 10, 0, "0.001");

			// when: two starts
			StateSchema.migrate(old.dataSource());
			StateSchema.migrate(old.dataSource());

			// then: the old rows add up as before; thinking on is known for the row that
			// only thought
			ResultStaging staging = new ResultStaging(old.dataSource());
			RunTotals before = staging.totals(RUN);
			assertThat(before.spend()).isEqualTo(spend(450, 1910, 40, "0.051"));
			assertThat(before.thinkingOn()).isEqualTo(spend(100, 900, 40, "0.020"));
			assertThat(before.thinkingOff()).isEqualTo(spend(350, 1010, 0, "0.031"));

			// and a row staged now carries its own split
			CallStats stats = new CallStats(2, 0, 1, 1, 0, new TokenUsage(70, 500, 20, 300), new BigDecimal("0.012"),
					new TokenUsage(40, 480, 10, 290), new BigDecimal("0.010"), 1);
			staging.insert(RUN, List
				.of(TaskResult.done(SourceRow.of(4, 5, Map.of("text", "hello")), Map.of("label", "billing"), stats)));
			RunTotals after = staging.totals(RUN);
			assertThat(after.rows()).isEqualTo(4);
			assertThat(after.thinkingOn()).isEqualTo(spend(140, 1380, 50, "0.030", 290));
			assertThat(after.thinkingOff()).isEqualTo(spend(380, 1030, 10, "0.033", 10));
			assertThat(after.reasoningTokens()).isEqualTo(300);
			assertThat(after.unpricedCalls()).isEqualTo(1);
			assertThat(after.priced()).isFalse();

			// and the call ledger made before reasoning tokens were kept takes them too
			CallLedger ledger = new CallLedger(old.dataSource(), new DataSourceTransactionManager(old.dataSource()));
			ledger.record(RUN, "f1", new ChatAnswer("hello", null, FinishReason.STOP, new TokenUsage(10, 90, 0, 70),
					new BigDecimal("0.001"), "glm-5.3", "r1", 1));
			assertThat(ledger.find(RUN, "f1"))
				.hasValueSatisfying(answer -> assertThat(answer.usage().reasoningTokens()).isEqualTo(70));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void baselinesAStateDatabaseMadeBeforeMigrationsUpgradesItInPlaceAndRunsAJobOnIt(String database)
			throws IOException {
		try (OldDatabase before = OldDatabase.beforeMigrations(database, dir)) {
			// given: a state database as the version before migrations left it, every
			// table there, no history
			insertOldRow(new JdbcTemplate(before.dataSource()), 1, 1, 0, 0, 50, 10, 0, "0.001");
			TranslationJobFixture job = aTranslationJob(dir).named("after-baseline").withRows(3);

			// when
			RunOutcome outcome = application.withProperty("spring.datasource.url", before.dataSource().getUrl())
				.operator(dir, database)
				.start(JobDefinitionLoader.load(job.write()), RunOptions.RESUME_OR_START)
				.await();

			// then: the job ran on it
			assertThat(outcome).isCompleted().hasDone(3);
			// and it was baselined at the Spring Batch tables, the later migrations run
			// on it
			assertThat(new JdbcTemplate(before.dataSource())
				.queryForList("SELECT \"version\" || ' ' || \"type\" FROM \"flyway_schema_history\""
						+ " WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"", String.class))
				.containsExactly("1 BASELINE", "2 SQL", "3 SQL", "4 SQL", "5 SQL", "6 SQL", "7 SQL", "8 SQL", "9 SQL");
			// and the run staged before reads as before
			RunTotals oldRun = application.bean(JobAssembler.class).staging().totals(RUN);
			assertThat(oldRun.spend()).isEqualTo(spend(50, 10, 0, "0.001"));
			assertThat(oldRun.thinkingOff()).isEqualTo(oldRun.spend());
			application.stop();
		}
	}

	@Test
	void theApplicationStartsOnAStateDatabaseMadeBeforeTheSplitAndRunsOnIt() throws IOException {
		// given: an H2 state file made by a version before the split, with a run whose
		// every call thought
		try (OldDatabase old = OldDatabase.create(TestDatabases.H2, dir)) {
			insertOldRow(new JdbcTemplate(old.dataSource()), 1, 2, 2, 0, 120, 1500, 0, "0.004");
		}
		TranslationJobFixture job = aTranslationJob(dir).named("after-upgrade").withRows(5).withThinking("enabled");

		// when
		Runs runs = application.runs(dir);
		RunOutcome outcome = application.operator(dir)
			.start(JobDefinitionLoader.load(job.write()), RunOptions.RESUME_OR_START)
			.await();

		// then: the new run is split, every call of it with thinking on
		assertThat(outcome).isCompleted();
		assertThat(outcome.totals().thinkingOn()).isEqualTo(outcome.totals().spend());
		assertThat(outcome.totals().thinkingOn().totalTokens()).isPositive();
		assertThat(outcome.totals().thinkingOff().totalTokens()).isZero();
		RunFigures figures = runs.status(outcome.runId()).orElseThrow().figures();
		assertThat(figures.thinkingOn().completionTokens()).isEqualTo(outcome.totals().completionTokens());
		assertThat(figures.thinkingOff().calls()).isZero();
		// and the old run reads as before, its thinking known
		RunTotals oldRun = application.bean(JobAssembler.class).staging().totals(RUN);
		assertThat(oldRun.thinkingOn()).isEqualTo(spend(120, 1500, 0, "0.004"));
	}

	/**
	 * PostgreSQL only: there even an ALTER TABLE that changes nothing waits for the
	 * readers of the table.
	 */
	@Test
	@EnabledIfEnvironmentVariable(named = TestDatabases.POSTGRES_URL, matches = ".+")
	void aStartDoesNotWaitForAnotherProcessReadingTheResults() throws Exception {
		try (OldDatabase old = OldDatabase.create(TestDatabases.POSTGRESQL, dir)) {
			StateSchema.migrate(old.dataSource());
			try (Connection reader = old.dataSource().getConnection()) {
				// given: another process in the middle of a transaction that reads the
				// table (an export)
				reader.setAutoCommit(false);
				try (Statement statement = reader.createStatement()) {
					statement.executeQuery("SELECT COUNT(*) FROM GLMB_RESULT").close();
				}

				// then: a second start finds every migration run and alters nothing, so
				// it waits for no lock
				assertTimeoutPreemptively(Duration.ofSeconds(10), () -> StateSchema.migrate(old.dataSource()));
				reader.rollback();
			}
		}
	}

	private static void insertOldRow(JdbcTemplate jdbc, long rowNo, long calls, long thinkingCalls, long escalations,
			long prompt, long completion, long cached, String cost) {
		jdbc.update(
				"""
						INSERT INTO GLMB_RESULT (JOB_INSTANCE_ID, ROW_NO, LINE_NO, STATUS, INPUT_JSON, OUTPUT_JSON, REASON,
						  CALLS, REUSED_CALLS, THINKING_CALLS, ESCALATIONS, PROMPT_TOKENS, COMPLETION_TOKENS, CACHED_TOKENS, COST_USD)
						VALUES (?, ?, ?, 'DONE', '{}', '{}', NULL, ?, 0, ?, ?, ?, ?, ?, ?)""",
				RUN, rowNo, rowNo + 1, calls, thinkingCalls, escalations, prompt, completion, cached,
				new BigDecimal(cost));
	}

	private static Spend spend(long prompt, long completion, long cached, String cost) {
		return spend(prompt, completion, cached, cost, 0);
	}

	private static Spend spend(long prompt, long completion, long cached, String cost, long reasoning) {
		return new Spend(prompt, completion, cached, new BigDecimal(cost).setScale(12), reasoning);
	}

	/**
	 * A state database with {@code GLMB_RESULT} as versions before the thinking split
	 * made it: an H2 file, or a fresh schema of the test PostgreSQL database, dropped on
	 * close.
	 */
	record OldDatabase(DriverManagerDataSource dataSource, Runnable drop) implements AutoCloseable {

		/**
		 * Migration 2: glm-batch's tables as they were first shipped, before the thinking
		 * split; its checksum is fixed, so it stays as it was.
		 */
		private static final String FIRST_TABLES = "db/migration/common/V2__glm_batch_tables.sql";

		/**
		 * A state database with glm-batch's tables as they were first shipped, made by
		 * migration 2 alone: no Spring Batch tables, no migration history.
		 */
		static OldDatabase create(String database, Path dir) throws IOException {
			OldDatabase old = empty(database, dir);
			old.createTables(new ClassPathResource(FIRST_TABLES).getContentAsString(StandardCharsets.UTF_8)
				.replace("${text_type}", textType(database)));
			return old;
		}

		/**
		 * A state database as the version before migrations left it: every table, no
		 * migration history. That version made the Spring Batch tables by Spring Batch's
		 * script and its own tables as the migrations leave them, so the migrations make
		 * them here, and the history is dropped.
		 */
		static OldDatabase beforeMigrations(String database, Path dir) {
			OldDatabase old = empty(database, dir);
			StateSchema.migrate(old.dataSource());
			new JdbcTemplate(old.dataSource()).execute("DROP TABLE \"flyway_schema_history\"");
			return old;
		}

		private static OldDatabase empty(String database, Path dir) {
			if (database.equals(TestDatabases.H2)) {
				return new OldDatabase(
						new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("state/glm-batch"), "sa", ""), () -> {
						});
			}
			String url = TestDatabases.postgresUrl();
			String schema = "glmb_old_" + Long.toUnsignedString(System.nanoTime(), 36);
			DriverManagerDataSource admin = new DriverManagerDataSource(url, "batch", "batch");
			new JdbcTemplate(admin).execute("CREATE SCHEMA " + schema);
			return new OldDatabase(
					new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
							"batch", "batch"),
					() -> new JdbcTemplate(admin).execute("DROP SCHEMA " + schema + " CASCADE"));
		}

		private static String textType(String database) {
			return database.equals(TestDatabases.H2) ? "CLOB" : "TEXT";
		}

		private void createTables(String script) {
			new JdbcTemplate(dataSource).execute((ConnectionCallback<Void>) (connection) -> {
				ScriptUtils.executeSqlScript(connection,
						new ByteArrayResource(script.getBytes(StandardCharsets.UTF_8)));
				return null;
			});
		}

		@Override
		public void close() {
			drop.run();
		}

	}

}
