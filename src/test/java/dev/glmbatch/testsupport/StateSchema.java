package dev.glmbatch.testsupport;

import javax.sql.DataSource;

import dev.glmbatch.run.StateSchemaMigrations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Migrates a bare DataSource the way the application does at start-up: the same
 * migrations ({@code spring.flyway.locations}), fitted to the database and baselined the
 * same way ({@code spring.flyway.baseline-on-migrate} and {@link StateSchemaMigrations}),
 * for tests that work on a state database without starting the application.
 */
public final class StateSchema {

	private StateSchema() {
	}

	/**
	 * @return the number of migrations run
	 */
	public static int migrate(DataSource dataSource) {
		FluentConfiguration configuration = Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/common")
			.baselineOnMigrate(true);
		new StateSchemaMigrations().customize(configuration);
		return configuration.load().migrate().migrationsExecuted;
	}

}
