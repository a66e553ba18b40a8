package dev.glmbatch.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Fits the state database's migrations ({@code db/migration/common}, one set for every
 * database) to the database at hand, H2 or PostgreSQL: the large-text type that
 * migrations write as the placeholder {@code text_type}, and the byte-array type,
 * {@code binary_type}; migration 1, the Spring Batch tables, made by the script
 * spring-batch-core ships for that database, so that they are always the tables of the
 * Spring Batch on the class path; and the version at which Flyway baselines a database
 * that has tables but no migration history ({@code spring.flyway.baseline-on-migrate}).
 *
 * <p>
 * A database made before the schema was migrated has the Spring Batch tables of migration
 * 1, so it is baselined at 1, and the later migrations, written to find some of their
 * tables and columns already there, bring it up to date whatever version made it. A
 * database with other tables only (a PostgreSQL schema shared with something else) is
 * baselined at 0, so that every migration runs.
 */
public final class StateSchemaMigrations implements FlywayConfigurationCustomizer {

	/** The placeholder of the large-text type in the SQL migrations. */
	static final String TEXT_TYPE = "text_type";

	/** The placeholder of the byte-array type in the SQL migrations. */
	static final String BINARY_TYPE = "binary_type";

	/** The table of migration 1 whose presence says the Spring Batch tables are there. */
	private static final String BATCH_TABLE = "BATCH_JOB_INSTANCE";

	/**
	 * The large-text type of each database the state may live in, as Spring Boot names
	 * the database.
	 */
	private static final Map<DatabaseDriver, String> TEXT_TYPES = Map.of(DatabaseDriver.H2, "CLOB",
			DatabaseDriver.POSTGRESQL, "TEXT");

	/** The byte-array type of each database the state may live in. */
	private static final Map<DatabaseDriver, String> BINARY_TYPES = Map.of(DatabaseDriver.H2, "BLOB",
			DatabaseDriver.POSTGRESQL, "BYTEA");

	@Override
	public void customize(FluentConfiguration configuration) {
		DataSource dataSource = configuration.getDataSource();
		try (Connection connection = dataSource.getConnection()) {
			DatabaseDriver database = databaseOf(connection);
			Map<String, String> placeholders = new HashMap<>(configuration.getPlaceholders());
			placeholders.put(TEXT_TYPE, TEXT_TYPES.get(database));
			placeholders.put(BINARY_TYPE, BINARY_TYPES.get(database));
			configuration.placeholders(placeholders)
				.javaMigrations(new SpringBatchTables(database))
				.baselineVersion(StateSchemaVersion.hasTable(connection, BATCH_TABLE) ? "1" : "0");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the state database's tables: " + ex.getMessage(), ex);
		}
	}

	private static DatabaseDriver databaseOf(Connection connection) throws SQLException {
		String url = connection.getMetaData().getURL();
		DatabaseDriver database = DatabaseDriver.fromJdbcUrl(url);
		if (!TEXT_TYPES.containsKey(database)) {
			throw new IllegalStateException("The state database must be H2 or PostgreSQL, not " + database.getId()
					+ ": set spring.datasource.url to one of them");
		}
		return database;
	}

	/**
	 * Migration 1: the Spring Batch tables, by Spring Batch's own script for the
	 * database, as Spring Boot would run it
	 * ({@code spring.batch.jdbc.initialize-schema}).
	 */
	private record SpringBatchTables(DatabaseDriver database) implements JavaMigration {

		@Override
		public MigrationVersion getVersion() {
			return MigrationVersion.fromVersion("1");
		}

		@Override
		public String getDescription() {
			return "spring batch tables";
		}

		/**
		 * None: the script is Spring Batch's, not ours to check for edits.
		 */
		@Override
		public @Nullable Integer getChecksum() {
			return null;
		}

		@Override
		public boolean canExecuteInTransaction() {
			return true;
		}

		@Override
		public void migrate(Context context) {
			ScriptUtils.executeSqlScript(context.getConnection(),
					new ClassPathResource("org/springframework/batch/core/schema-" + this.database.getId() + ".sql"));
		}

	}

}
