package dev.glmbatch.run;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;

/**
 * Sets the version at which Flyway baselines a state database that has tables but no
 * migration history: one made before the schema was migrated
 * ({@code spring.flyway.baseline-on-migrate}). Such a database has the Spring Batch
 * tables of migration 1, so it is baselined at 1, and the later migrations, written to
 * find some of their tables and columns already there, bring it up to date whatever
 * version made it. A database with other tables only (a PostgreSQL schema shared with
 * something else) is baselined at 0, so that every migration runs.
 */
public final class StateSchemaBaseline implements FlywayConfigurationCustomizer {

	/** The table of migration 1 whose presence says the Spring Batch tables are there. */
	private static final String BATCH_TABLE = "BATCH_JOB_INSTANCE";

	@Override
	public void customize(FluentConfiguration configuration) {
		configuration.baselineVersion(hasBatchTables(configuration.getDataSource()) ? "1" : "0");
	}

	private static boolean hasBatchTables(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return StateSchemaVersion.hasTable(connection, BATCH_TABLE);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the state database's tables: " + ex.getMessage(), ex);
		}
	}

}
