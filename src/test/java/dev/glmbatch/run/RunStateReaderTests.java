package dev.glmbatch.run;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.testsupport.AbstractStateDatabaseTests;
import dev.glmbatch.testsupport.TestDatabases;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.Test;

import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code list} and {@code status} read the runs on one JDBC connection, without Spring:
 * what the full application wrote, as it shows it; and a database that does not exist
 * yet, or has no tables, has no runs and is left as it was.
 */
class RunStateReaderTests extends AbstractStateDatabaseTests {

	@Test
	void readsWhatTheApplicationWroteAsTheApplicationShowsIt() throws Exception {
		String name = "read-" + database + "-" + System.nanoTime();
		TranslationJobFixture job = aTranslationJob(dir).named(name).withRows(12).withRawLine("P-ragged,only two");
		RunOutcome outcome = application.operator(dir, database)
			.start(JobDefinitionLoader.load(job.write()), RunOptions.RESUME_OR_START)
			.await();
		assertThat(outcome.status()).isEqualTo(RunStatus.COMPLETED);
		// the process that wrote the runs has ended, as before a list in another process
		application.stop();

		RunSummary run = status(outcome.runId()).orElseThrow();

		assertThat(run.runId()).isEqualTo(outcome.runId());
		assertThat(run.jobName()).isEqualTo(name);
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.executions()).isEqualTo(1);
		assertThat(run.input()).isEqualTo(job.inputFile().toString());
		assertThat(run.output()).isEqualTo(outcome.outputPath().toString());
		assertThat(run.inputRows()).isEqualTo(13);
		assertThat(run.totals().rows()).isEqualTo(13);
		assertThat(run.totals().done()).isEqualTo(12);
		assertThat(run.totals().rejected()).isEqualTo(1);
		assertThat(run.totals().calls()).isEqualTo(outcome.totals().calls()).isPositive();
		assertThat(run.firstStartedAt()).isNotNull().isEqualTo(run.startedAt());
		assertThat(run.endedAt()).isAfterOrEqualTo(run.startedAt());
		assertThat(run.exitDescription()).isNull();
		assertThat(run.resumeCommand()).isNull();
		assertThat(list(20)).contains(run);
		assertThat(rejectPath(outcome.runId())).contains(outcome.rejectPath());
		assertThat(status(Long.MAX_VALUE)).isEmpty();
	}

	@Test
	void listsTheLatestRunsOfEveryJobNewestFirst() throws Exception {
		assumeTrue(database.equals(TestDatabases.H2), "other builds add runs to a shared PostgreSQL database");
		RunOperator runs = application.operator(dir, database);
		TranslationJobFixture first = aTranslationJob(dir).named("first").withRows(2).withLanguages("fr");
		TranslationJobFixture second = aTranslationJob(dir).named("second").withRows(2).withLanguages("fr");
		long a = runs.start(JobDefinitionLoader.load(first.write()), RunOptions.RESUME_OR_START).await().runId();
		long b = runs.start(JobDefinitionLoader.load(second.write()), RunOptions.RESUME_OR_START).await().runId();
		long c = runs.start(JobDefinitionLoader.load(first.write()), new RunOptions(true)).await().runId();
		application.stop();

		assertThat(list(20)).extracting(RunSummary::runId).containsExactly(c, b, a);
		assertThat(list(2)).extracting(RunSummary::jobName).containsExactly("first", "second");
		assertThat(list(1)).extracting(RunSummary::runId).containsExactly(c);
	}

	@Test
	void aDatabaseThatDoesNotExistYetHasNoRunsAndIsNotCreated() throws Exception {
		assumeTrue(database.equals(TestDatabases.H2), "a PostgreSQL database is made by its administrator");

		assertThat(list(20)).isEmpty();
		assertThat(status(1)).isEmpty();
		assertThat(rejectPath(1)).isEmpty();

		assertThat(dir.resolve("state")).doesNotExist();
	}

	@Test
	void aDatabaseWithoutTheTablesHasNoRunsAndGetsNone() throws Exception {
		String url = url();
		String schema = "fastread_empty_" + System.nanoTime();
		if (database.equals(TestDatabases.POSTGRESQL)) {
			// a schema of its own, without tables, that the reader's connection searches
			try (Connection connection = TestDatabases.postgresConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE SCHEMA " + schema);
			}
			url += (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
		}
		else {
			DriverManager.getConnection(url, "sa", "").close();
		}
		try {
			String empty = url;
			List<RunSummary> listed = RunStateReader.readOnce(empty, username(), password(), reader -> reader.list(20));
			Optional<RunSummary> one = RunStateReader.readOnce(empty, username(), password(),
					reader -> reader.status(1));

			assertThat(listed).isEmpty();
			assertThat(one).isEmpty();

			String searched = database.equals(TestDatabases.POSTGRESQL) ? schema : "PUBLIC";
			try (Connection connection = DriverManager.getConnection(empty, username(), password());
					ResultSet tables = connection.getMetaData().getTables(null, searched, "%", null)) {
				assertThat(tableNames(tables)).isEmpty();
			}
		}
		finally {
			if (database.equals(TestDatabases.POSTGRESQL)) {
				try (Connection connection = TestDatabases.postgresConnection();
						Statement statement = connection.createStatement()) {
					statement.execute("DROP SCHEMA " + schema + " CASCADE");
				}
			}
		}
	}

	private List<RunSummary> list(int max) throws SQLException {
		return RunStateReader.readOnce(url(), username(), password(), reader -> reader.list(max));
	}

	private Optional<RunSummary> status(long runId) throws SQLException {
		return RunStateReader.readOnce(url(), username(), password(), reader -> reader.status(runId));
	}

	private Optional<Path> rejectPath(long runId) throws SQLException {
		return RunStateReader.readOnce(url(), username(), password(), reader -> reader.rejectPath(runId));
	}

	private String url() {
		return (String) properties().get("spring.datasource.url");
	}

	/**
	 * H2's user as the application's configuration names it; the test server's for
	 * PostgreSQL.
	 */
	private String username() {
		return (String) properties().getOrDefault("spring.datasource.username", "sa");
	}

	private String password() {
		return (String) properties().getOrDefault("spring.datasource.password", "");
	}

	private Map<String, Object> properties() {
		return TestDatabases.properties(database, dir);
	}

	private static List<String> tableNames(ResultSet tables) throws SQLException {
		List<String> names = new ArrayList<>();
		while (tables.next()) {
			names.add(tables.getString("TABLE_NAME"));
		}
		return names;
	}

}
