package dev.glmbatch.run;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * How Spring Boot runs the state database's migrations at start-up: only when the
 * database is behind. Flyway's {@code migrate} first scans the class path for migrations
 * and validates the whole history, which costs a noticeable part of a command's start-up;
 * on a database that has had every migration there is nothing for it to do, and one query
 * of the history table says so. A database that a newer glm-batch has migrated further is
 * refused in one line, before this version writes to tables it does not know.
 */
public final class MigrateWhenBehind implements FlywayMigrationStrategy {

	@Override
	public void migrate(Flyway flyway) {
		StateSchemaVersion.Standing standing = StateSchemaVersion.standing(flyway.getConfiguration().getDataSource());
		if (standing == StateSchemaVersion.Standing.AHEAD) {
			throw new IllegalStateException("The state database was upgraded by a newer glm-batch (its schema is past "
					+ "version " + StateSchemaVersion.CURRENT + "): run that version, or point spring.datasource.url "
					+ "at another state database");
		}
		if (standing == StateSchemaVersion.Standing.BEHIND) {
			flyway.migrate();
		}
	}

}
