package dev.glmbatch.testsupport;

import java.nio.file.Path;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up that the tests of the service share: a GLM simulator and the service calling
 * it, both new for each test, with the service's files (jobs, input, output and its H2
 * state) in {@link #dir}, a new folder for each test.
 *
 * <p>
 * The test {@link ServiceFixture#serve serves} when its files are in place, may
 * {@link ServiceFixture#close() stop} the service as a shutdown does and serve again;
 * what still runs is closed after the test.
 */
public abstract class AbstractServiceTests {

	@RegisterExtension
	protected final GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	@RegisterExtension
	protected final ServiceFixture service = ServiceFixture.against(simulator);

	@TempDir
	protected Path dir;

}
