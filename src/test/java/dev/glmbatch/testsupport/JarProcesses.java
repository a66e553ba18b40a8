package dev.glmbatch.testsupport;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The jar processes a test starts, each closed after the test (killed if it still runs),
 * so that a failed assertion leaves no process behind. Register it on an instance field:
 *
 * <pre>{@code
 * &#64;RegisterExtension
 * final JarProcesses processes = new JarProcesses();
 * }</pre>
 */
public final class JarProcesses implements AfterEachCallback {

	private final List<JarProcess> started = new ArrayList<>();

	/**
	 * Keeps a process to close after the test.
	 * @return the process
	 */
	public JarProcess add(JarProcess process) {
		started.add(process);
		return process;
	}

	@Override
	public void afterEach(ExtensionContext context) throws InterruptedException {
		for (JarProcess process : started) {
			process.close();
		}
		started.clear();
	}

}
