package dev.glmbatch.run.schedule;

import java.nio.file.Path;
import java.util.Objects;

import javax.sql.DataSource;

import dev.glmbatch.testsupport.StateSchema;
import dev.glmbatch.testsupport.TestDatabases;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A bare state database, migrated, for the tests of the service's tables that need no
 * application: H2 in a file under the test's folder, or the configured PostgreSQL server.
 */
final class StateDatabases {

	private StateDatabases() {
	}

	/**
	 * @param database {@link TestDatabases#H2} or {@link TestDatabases#POSTGRESQL}
	 */
	static DataSource migrated(String database, Path dir) {
		DataSource dataSource = database.equals(TestDatabases.H2)
				? new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("state/glm-batch"), "sa", "")
				: new DriverManagerDataSource(Objects.requireNonNull(TestDatabases.postgresUrl()), "batch", "batch");
		StateSchema.migrate(dataSource);
		return dataSource;
	}

}
