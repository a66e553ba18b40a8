package dev.glmbatch.run;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * Which migration of {@code db/migration/common} a state database has had, read from
 * Flyway's history table by plain JDBC: a command that only reads run state builds Flyway
 * (half a second of class loading) only when the database is behind.
 */
final class StateSchemaVersion {

	/**
	 * The newest migration; {@code StateSchemaVersionTests} checks it against the files.
	 */
	static final String CURRENT = "9";

	/**
	 * Flyway's history table, as Flyway names it (quoted, lower case) on H2 and
	 * PostgreSQL alike.
	 */
	private static final String HISTORY = "flyway_schema_history";

	private StateSchemaVersion() {
	}

	/**
	 * Where a state database stands against this version's migrations.
	 */
	enum Standing {

		/** New, made before migrations, or missing a migration: Flyway must run. */
		BEHIND,

		/** Has had every migration this version knows, and none other. */
		CURRENT,

		/** Has had a migration this version does not know: a newer glm-batch made it. */
		AHEAD

	}

	/**
	 * Whether the database has had every migration: {@code false} for a new one, or one
	 * made before migrations.
	 */
	static boolean isCurrent(DataSource dataSource) {
		return standing(dataSource) == Standing.CURRENT;
	}

	/**
	 * Where the database stands, from the newest migration its history records as applied
	 * (every version of {@code db/migration/common} is a whole number).
	 */
	static Standing standing(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			if (!hasTable(connection, HISTORY)) {
				return Standing.BEHIND;
			}
			int newest = -1;
			try (PreparedStatement query = connection
				.prepareStatement("SELECT \"version\" FROM \"" + HISTORY + "\" WHERE \"success\"");
					ResultSet versions = query.executeQuery()) {
				while (versions.next()) {
					String version = versions.getString(1);
					if (version != null && version.chars().allMatch(Character::isDigit) && !version.isEmpty()) {
						newest = Math.max(newest, Integer.parseInt(version));
					}
				}
			}
			int current = Integer.parseInt(CURRENT);
			return (newest < current) ? Standing.BEHIND : (newest == current) ? Standing.CURRENT : Standing.AHEAD;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the state database's schema version: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Whether a table is in the connection's schema, looked up in the metadata rather
	 * than by a query that fails, which H2 would write to its trace file at every start.
	 * @param name the name as created: quoted names as written, unquoted ones in any case
	 */
	static boolean hasTable(Connection connection, String name) throws SQLException {
		DatabaseMetaData meta = connection.getMetaData();
		String stored = name;
		if (!name.equals(HISTORY)) {
			stored = meta.storesLowerCaseIdentifiers() ? name.toLowerCase(Locale.ROOT) : name.toUpperCase(Locale.ROOT);
		}
		try (ResultSet tables = meta.getTables(connection.getCatalog(), connection.getSchema(), stored,
				new String[] { "TABLE" })) {
			return tables.next();
		}
	}

}
