package dev.glmbatch.simulator;

import java.util.Map;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/**
 * Draws at most one fault per request. The configured probabilities are exclusive slices
 * of one uniform draw, taken in the order of {@link Fault}, so a fault configured at 1.0
 * hits every request.
 */
final class FaultInjector {

	private final Map<String, Double> faults;

	private final Random random;

	FaultInjector(Map<String, Double> faults, Random random) {
		this.faults = faults;
		this.random = random;
	}

	/**
	 * The fault to inflict on the next request, as a rule response, or {@code null} for
	 * none.
	 */
	SimulatorRule.@Nullable Response roll() {
		if (this.faults.isEmpty()) {
			return null;
		}
		double draw = this.random.nextDouble();
		double upper = 0;
		for (Fault fault : Fault.values()) {
			Double probability = this.faults.get(fault.key());
			if (probability != null) {
				upper += probability;
				if (draw < upper) {
					return fault.response();
				}
			}
		}
		return null;
	}

}
