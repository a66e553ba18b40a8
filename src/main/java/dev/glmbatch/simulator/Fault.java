package dev.glmbatch.simulator;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The faults that {@link SimulatorOptions#faults()} can inject, each expressed as the
 * rule response it stands for.
 */
enum Fault {

	RATE_LIMITED("1302", SimulatorRule.Response.error(429, "1302")),

	OVERLOADED("1305", SimulatorRule.Response.error(429, "1305")),

	SERVER_ERROR("500", SimulatorRule.Response.error(500, "500")),

	NO_BALANCE("1113", SimulatorRule.Response.error(429, "1113")),

	SENSITIVE_INPUT("1301", SimulatorRule.Response.error(400, "1301")),

	DROP("drop", SimulatorRule.Response.drop()),

	MALFORMED_SSE("malformed-sse", SimulatorRule.Response.normal().withMalformedSse(true)),

	NETWORK_ERROR("network_error", SimulatorRule.Response.normal().withFinishReason("network_error")),

	// slow enough to trip a client read timeout on a plain answer, fast enough for a test
	// to sit through
	SLOW_DRIP("slow-drip",
			SimulatorRule.Response.normal().withSlowDrip(new SimulatorRule.SlowDrip(32, Duration.ofMillis(100))));

	private final String key;

	private final SimulatorRule.Response response;

	Fault(String key, SimulatorRule.Response response) {
		this.key = key;
		this.response = response;
	}

	String key() {
		return this.key;
	}

	SimulatorRule.Response response() {
		return this.response;
	}

	static Set<String> keys() {
		Set<String> keys = Arrays.stream(values()).map(Fault::key).collect(Collectors.toCollection(LinkedHashSet::new));
		return Collections.unmodifiableSet(keys);
	}

	/**
	 * Finds a fault by key; {@code -} and {@code _} are interchangeable and case is
	 * ignored.
	 * @throws IllegalArgumentException listing the known keys
	 */
	static Fault fromKey(String key) {
		String wanted = comparable(key);
		for (Fault fault : values()) {
			if (comparable(fault.key).equals(wanted)) {
				return fault;
			}
		}
		throw new IllegalArgumentException("unknown fault '" + key + "'; known faults: " + String.join(", ", keys()));
	}

	private static String comparable(String key) {
		return key.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
	}

}
