package dev.glmbatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.JarProcess;
import dev.glmbatch.testsupport.SimulatorProcess;
import dev.glmbatch.testsupport.TestDatabases;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nightly catalogue through the packaged jar, against a simulator that counts the
 * calls it answers: translated once, then exported again with 5 % of its rows edited and
 * 5 % new, the second run pays only for those; {@code --new} pays nothing,
 * {@code --no-reuse} pays every row, and another model pays every row. On H2 and on
 * PostgreSQL, there in a schema of its own, so that answers other tests paid for do not
 * count (the catalogue's texts carry a nonce as well).
 */
class NightlyReuseProcessTests {

	private static final int ROWS = 600;

	/** Every 20th row edited, and as many new ones: 5 % each. */
	private static final int CHANGED = ROWS / 20;

	/** The request each run sends before any row, to check the key and the endpoint. */
	private static final int KEY_CHECK = 1;

	@RegisterExtension
	static SimulatorProcess simulator = new SimulatorProcess();

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.glmbatch.testsupport.TestDatabases#names")
	void aChangedCataloguePaysOnlyForItsChangedAndNewRows(String database, @TempDir Path dir) throws Exception {
		withANonce(database, (env, nonce) -> nightly(env, dir, nonce));
	}

	private static void nightly(Database database, Path dir, String nonce) throws Exception {
		TranslationJobFixture job = writtenOnTheCatalogue(TranslationJobFixture.aTranslationJob(dir)
			.named("nightly-" + nonce)
			.withChunkSize(50)
			.withConcurrency(8), nonce, ROWS);

		String first = paid(dir, job, database, ROWS);
		assertThat(first).contains("  re-used:  0 answers from earlier runs");

		writeCatalogue(job.inputFile(), nonce, ROWS + CHANGED, true);
		String nightly = paid(dir, job, database, 2 * CHANGED);
		assertThat(nightly)
			.contains("  re-used:  " + (ROWS - CHANGED) + " answers from earlier runs, which would" + " have cost $");
		assertThat(CsvFiles.column(job.outputFile(), "sku")).hasSize(ROWS + CHANGED).doesNotHaveDuplicates();
		List<String> french = CsvFiles.column(job.outputFile(), "name_fr");
		assertThat(french.get(0)).isEqualTo("[French] Edited " + nonce + " item 1");
		assertThat(french.get(1)).isEqualTo("[French] Item " + nonce + " number 2");

		paid(dir, job, database, 0, "--new");
		paid(dir, job, database, ROWS + CHANGED, "--new", "--no-reuse");

		String status = finished(dir, database, "status").output();
		assertThat(status).contains("  re-used:  0 answers from earlier runs");
		String list = finished(dir, database, "list").output();
		assertThat(list).contains("REUSED");

		Files.writeString(job.jobFile(),
				Files.readString(job.jobFile()).replace("model: glm-4.5-air", "model: glm-4.5-flash"));
		paid(dir, job, database, ROWS + CHANGED, "--new");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.glmbatch.testsupport.TestDatabases#names")
	void pruneSaysWhatItWouldRemoveAndThenRemovesIt(String database, @TempDir Path dir) throws Exception {
		withANonce(database, (env, nonce) -> prune(env, dir, nonce));
	}

	private static void prune(Database database, Path dir, String nonce) throws Exception {
		TranslationJobFixture job = writtenOnTheCatalogue(
				TranslationJobFixture.aTranslationJob(dir).named("prune-" + nonce), nonce, 20);
		paid(dir, job, database, 20);

		JarProcess refused = finished(dir, database, "prune");
		assertThat(refused.exitValue()).isEqualTo(1);
		assertThat(refused.output()).contains("--older-than AGE (e.g. 30d), --deleted-runs, or both");
		assertThat(finished(dir, database, "prune", "--deleted-runs").output()).contains("Removed 0 answers of 0 runs");
		assertThat(finished(dir, database, "prune", "--older-than", "30d").output())
			.contains("Removed 0 answers of 0 runs");
		assertThat(finished(dir, database, "prune", "--older-than", "0m", "--dry-run").output())
			.contains("Would remove 20 answers of 1 run ")
			.contains("Nothing was removed");
		paid(dir, job, database, 0, "--new");

		assertThat(finished(dir, database, "prune", "--older-than", "0m").output())
			.contains("Removed 20 answers of 1 run ");
		paid(dir, job, database, 20, "--new");
	}

	/**
	 * Runs {@code scenario} with a nonce new to this test, on the state database
	 * {@code name}: for PostgreSQL in a schema named after the nonce, dropped after it.
	 */
	private static void withANonce(String name, Scenario scenario) throws Exception {
		String nonce = Long.toString(System.nanoTime(), 36);
		try (Database database = Database.of(name, nonce)) {
			scenario.run(database, nonce);
		}
	}

	/** A test's steps, on its state database, with texts carrying its nonce. */
	@FunctionalInterface
	private interface Scenario {

		void run(Database database, String nonce) throws Exception;

	}

	/**
	 * Writes {@code job} as a translation into French whose input is the catalogue of
	 * {@code rows} rows.
	 */
	private static TranslationJobFixture writtenOnTheCatalogue(TranslationJobFixture job, String nonce, int rows)
			throws IOException {
		job.withLanguages("fr").write();
		writeCatalogue(job.inputFile(), nonce, rows, false);
		return job;
	}

	/**
	 * Rows {@code Item <nonce> number N}; edited, every 20th row reads
	 * {@code Edited <nonce> item N} instead.
	 */
	private static void writeCatalogue(Path file, String nonce, int rows, boolean edited) throws IOException {
		List<String> lines = new ArrayList<>(List.of("sku,name,description"));
		for (int row = 1; row <= rows; row++) {
			String name = (edited && row % 20 == 1) ? "Edited " + nonce + " item " + row
					: "Item " + nonce + " number " + row;
			lines.add("P" + row + "," + name + ",Description " + row);
		}
		Files.write(file, lines, StandardCharsets.UTF_8);
	}

	/**
	 * Runs the job to completion and checks that the simulator answered {@code calls}
	 * requests for it; returns what the run printed.
	 */
	private static String paid(Path dir, TranslationJobFixture job, Database database, long calls, String... options)
			throws Exception {
		simulator.reset();
		List<String> arguments = new ArrayList<>(
				List.of("run", job.jobFile().toString(), "--base-url", simulator.zaiBaseUrl().toString()));
		arguments.addAll(List.of(options));
		JarProcess run = finished(dir, database, arguments.toArray(String[]::new));
		assertThat(run.exitValue()).as(run.output()).isZero();
		assertThat(simulator.requests()).as("calls paid by run %s", arguments).isEqualTo(KEY_CHECK + calls);
		return run.output();
	}

	private static JarProcess finished(Path dir, Database database, String... arguments) throws Exception {
		Map<String, String> env = new LinkedHashMap<>(database.environment());
		env.put("ZAI_API_KEY", "test-key");
		try (JarProcess process = JarProcess.start(dir, dir.resolve("run.log"), env, List.of(), arguments)) {
			assertThat(process.waitFor(Duration.ofMinutes(5))).as("%s finished", List.of(arguments)).isTrue();
			return process;
		}
	}

	/**
	 * The jar's state database: H2 under the test's folder, or a PostgreSQL schema made
	 * for the test and dropped after it.
	 */
	private record Database(Map<String, String> environment, @Nullable String schema) implements AutoCloseable {

		static Database of(String name, String nonce) throws SQLException {
			Map<String, String> environment = TestDatabases.environment(name);
			if (!name.equals(TestDatabases.POSTGRESQL)) {
				return new Database(environment, null);
			}
			String schema = "reuse_" + nonce;
			execute("CREATE SCHEMA " + schema);
			String url = environment.get("SPRING_DATASOURCE_URL");
			environment.put("SPRING_DATASOURCE_URL", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema);
			return new Database(environment, schema);
		}

		@Override
		public void close() throws SQLException {
			if (schema != null) {
				execute("DROP SCHEMA " + schema + " CASCADE");
			}
		}

		private static void execute(String sql) throws SQLException {
			try (Connection connection = TestDatabases.postgresConnection();
					Statement statement = connection.createStatement()) {
				statement.execute(sql);
			}
		}

	}

}
