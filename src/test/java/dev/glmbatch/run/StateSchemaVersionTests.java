package dev.glmbatch.run;

import java.io.IOException;
import java.nio.file.Path;

import dev.glmbatch.testsupport.StateSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link StateSchemaVersion} knows the newest migration: a command that only reads trusts
 * it to skip Flyway, so a migration added without raising it would never run for those
 * commands.
 */
class StateSchemaVersionTests {

	@TempDir
	Path dir;

	@Test
	void currentIsTheNewestMigration() throws IOException {
		int newest = 0;
		for (Resource migration : new PathMatchingResourcePatternResolver()
			.getResources("classpath:db/migration/common/V*__*.sql")) {
			String name = migration.getFilename();
			newest = Math.max(newest, Integer.parseInt(name.substring(1, name.indexOf("__"))));
		}
		assertThat(Integer.toString(newest)).as("StateSchemaVersion.CURRENT").isEqualTo(StateSchemaVersion.CURRENT);
	}

	@Test
	void aDatabaseIsCurrentOnlyOnceMigrated() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("state"), "sa",
				"");
		assertThat(StateSchemaVersion.isCurrent(dataSource)).isFalse();
		int migrations = StateSchema.migrate(dataSource);

		assertThat(migrations).isEqualTo(Integer.parseInt(StateSchemaVersion.CURRENT));

		assertThat(StateSchemaVersion.isCurrent(dataSource)).isTrue();
		assertThat(StateSchema.migrate(dataSource)).isZero();
	}

	@Test
	void aDatabaseMigratedByANewerVersionIsAheadAndRefused() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("newer"), "sa",
				"");
		StateSchema.migrate(dataSource);
		int next = Integer.parseInt(StateSchemaVersion.CURRENT) + 1;
		new JdbcTemplate(dataSource).update(
				"INSERT INTO \"flyway_schema_history\" (\"installed_rank\", \"version\", "
						+ "\"description\", \"type\", \"script\", \"installed_by\", \"execution_time\", \"success\") "
						+ "VALUES (?, ?, 'from a newer version', 'SQL', 'V" + next + "__newer.sql', 'sa', 1, TRUE)",
				100, Integer.toString(next));

		assertThat(StateSchemaVersion.standing(dataSource)).isEqualTo(StateSchemaVersion.Standing.AHEAD);
		assertThatIllegalStateException()
			.isThrownBy(() -> new MigrateWhenBehind().migrate(Flyway.configure().dataSource(dataSource).load()))
			.withMessageContaining("upgraded by a newer glm-batch");
	}

	@Test
	void migrationsRunOnlyForADatabaseThatIsBehind() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("behind"), "sa",
				"");
		assertThat(StateSchemaVersion.standing(dataSource)).isEqualTo(StateSchemaVersion.Standing.BEHIND);
		StateSchema.migrate(dataSource);
		assertThat(StateSchemaVersion.standing(dataSource)).isEqualTo(StateSchemaVersion.Standing.CURRENT);
		// a current database is left alone: a Flyway that knows no migrations would fail
		// to validate it
		new MigrateWhenBehind().migrate(Flyway.configure().dataSource(dataSource).load());
	}

}
