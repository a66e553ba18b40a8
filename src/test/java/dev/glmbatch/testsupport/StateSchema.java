package dev.glmbatch.testsupport;

import javax.sql.DataSource;

import dev.glmbatch.run.StateSchemaBaseline;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Migrates a bare DataSource the way the application does at start-up: the same
 * migrations ({@code spring.flyway.locations}), baselined the same way
 * ({@code spring.flyway.baseline-on-migrate} and {@link StateSchemaBaseline}), for tests
 * that work on a state database without starting the application.
 */
public final class StateSchema {

	private StateSchema() {
	}

	/**
	 * @param database {@link TestDatabases#H2} or {@link TestDatabases#POSTGRESQL}, the
	 * vendor of the migrations
	 * @return the number of migrations run
	 */
	public static int migrate(String database, DataSource dataSource) {
		FluentConfiguration configuration = Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration/" + database)
			.baselineOnMigrate(true);
		new StateSchemaBaseline().customize(configuration);
		return configuration.load().migrate().migrationsExecuted;
	}

}
