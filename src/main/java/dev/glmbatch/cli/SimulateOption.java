package dev.glmbatch.cli;

import java.time.Duration;
import java.util.Map;

import dev.glmbatch.simulator.GlmSimulator;
import dev.glmbatch.simulator.SimulatorOptions;
import picocli.CommandLine.Option;

/**
 * Offline work against the built-in GLM simulator ({@code run}, {@code restart},
 * {@code serve}).
 */
final class SimulateOption {

	@Option(names = "--simulate",
			description = "Work offline against the built-in GLM simulator, started on a free loopback port.")
	boolean simulate;

	/**
	 * Starts the built-in simulator on a free loopback port, answering after a short
	 * latency, and points {@code glm.base-url} and {@code glm.api-key} at it.
	 * @param properties the properties of the context to start, completed here
	 * @return the simulator, for the caller to close
	 */
	static GlmSimulator start(Map<String, Object> properties) {
		GlmSimulator simulator = GlmSimulator
			.start(SimulatorOptions.defaults().withLatencyMedian(Duration.ofMillis(40)));
		properties.put("glm.base-url", simulator.zaiBaseUrl().toString());
		properties.put("glm.api-key", "simulated-key");
		return simulator;
	}

}
