package dev.glmbatch.run;

import java.io.IOException;
import java.nio.file.Path;

import dev.glmbatch.testsupport.StateSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

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

}
