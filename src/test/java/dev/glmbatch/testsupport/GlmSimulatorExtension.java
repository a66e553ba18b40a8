package dev.glmbatch.testsupport;

import java.net.URI;

import dev.glmbatch.simulator.GlmSimulator;
import dev.glmbatch.simulator.SimulatorOptions;
import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorStats;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link GlmSimulator} on a free loopback port for a test class.
 *
 * <p>
 * Register it on a static field to share one simulator across the class (started before
 * all tests, stopped after all), or on an instance field to get one per test. Before each
 * test the simulator is reset and the rules added in code are cleared, so tests do not
 * see each other's counts or rules.
 *
 * <pre>{@code
 * &#64;RegisterExtension
 * static GlmSimulatorExtension simulator = GlmSimulatorExtension
 *     .withOptions(SimulatorOptions.defaults().withMaxInFlight(3));
 * }</pre>
 */
public final class GlmSimulatorExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

	private final SimulatorOptions options;

	private @Nullable GlmSimulator simulator;

	// the JUnit context that started the simulator owns stopping it (nested classes
	// inherit the extension)
	private @Nullable String ownerId;

	/**
	 * A simulator with {@link SimulatorOptions#defaults()}: no latency, no faults, any
	 * key.
	 */
	public GlmSimulatorExtension() {
		this(SimulatorOptions.defaults());
	}

	private GlmSimulatorExtension(SimulatorOptions options) {
		this.options = options.withPort(0);
	}

	/**
	 * A simulator with the given options; the port is always a free one.
	 * @param options the options
	 * @return the extension
	 */
	public static GlmSimulatorExtension withOptions(SimulatorOptions options) {
		return new GlmSimulatorExtension(options);
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		startIfNeeded(context);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		startIfNeeded(context);
		simulator().clearRules();
		simulator().clearBatchRules();
		simulator().reset();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		stopIfOwner(context);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stopIfOwner(context);
	}

	/** The running simulator. */
	public GlmSimulator simulator() {
		GlmSimulator running = this.simulator;
		if (running == null) {
			throw new IllegalStateException("the GLM simulator runs only while tests of its class run");
		}
		return running;
	}

	/** {@code http://127.0.0.1:PORT/api/paas/v4}. */
	public URI zaiBaseUrl() {
		return simulator().zaiBaseUrl();
	}

	/** {@code http://127.0.0.1:PORT/v1}. */
	public URI openAiBaseUrl() {
		return simulator().openAiBaseUrl();
	}

	public SimulatorStats stats() {
		return simulator().stats();
	}

	/** Adds a rule for the current test; it is cleared before the next test. */
	public void addRule(SimulatorRule rule) {
		simulator().addRule(rule);
	}

	private void startIfNeeded(ExtensionContext context) {
		if (this.simulator == null) {
			this.simulator = GlmSimulator.start(this.options);
			this.ownerId = context.getUniqueId();
		}
	}

	private void stopIfOwner(ExtensionContext context) {
		GlmSimulator running = this.simulator;
		if (running != null && context.getUniqueId().equals(this.ownerId)) {
			running.close();
			this.simulator = null;
			this.ownerId = null;
		}
	}

}
