package dev.glmbatch.testsupport;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every test of a subclass once on each state database
 * ({@link TestDatabases#names()}: H2 in a file under {@link #dir}, and PostgreSQL when a
 * server is configured), with the application wired to the GLM simulator as
 * {@link AbstractApplicationTests} wires it.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.glmbatch.testsupport.TestDatabases#names")
public abstract class AbstractStateDatabaseTests extends AbstractApplicationTests {

	/** {@link TestDatabases#H2} or {@link TestDatabases#POSTGRESQL}. */
	@Parameter
	protected String database;

	@Override
	protected String database() {
		return database;
	}

}
