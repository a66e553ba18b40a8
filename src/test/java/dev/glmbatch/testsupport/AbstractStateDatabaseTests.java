package dev.glmbatch.testsupport;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every test of a subclass once on each state database
 * ({@link TestDatabases#names()}: H2 in a file under {@link #dir}, and PostgreSQL when a
 * server is configured), with the application wired to the GLM simulator: the set-up that
 * the tests of runs and of their state share.
 *
 * <p>
 * The simulator is one static field for every subclass, started before the tests of a
 * class and stopped after them: the test classes run one after another.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.glmbatch.testsupport.TestDatabases#names")
public abstract class AbstractStateDatabaseTests {

	@RegisterExtension
	protected static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	@RegisterExtension
	protected final BatchApplication application = new BatchApplication(simulator);

	/** {@link TestDatabases#H2} or {@link TestDatabases#POSTGRESQL}. */
	@Parameter
	protected String database;

	@TempDir
	protected Path dir;

}
