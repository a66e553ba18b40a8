package dev.glmbatch.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link GlmSimulator} behaves: where it listens, how slow it is, how often it
 * fails and which keys it accepts.
 *
 * <p>
 * Latency is a time to first token drawn from a lognormal distribution with the given
 * median and sigma ({@link Duration#ZERO} median = no delay), followed by the completion
 * tokens at {@code tokensPerSecond} ({@code 0} = no pacing). {@code faults} maps a fault
 * kind (see {@link #FAULT_KINDS}) to the probability that a request suffers it; the kinds
 * are mutually exclusive outcomes of one draw, so their probabilities must add up to at
 * most 1. Every random draw (latency and faults) comes from one {@link java.util.Random}
 * seeded with {@code seed}.
 *
 * @param port the loopback port, {@code 0} for a free one
 * @param latencyMedian median time to first token
 * @param latencySigma sigma of the underlying normal distribution, {@code 0} for a fixed
 * latency
 * @param tokensPerSecond generation speed, {@code 0} for instant generation
 * @param maxInFlight in-flight limit applied to every model, or {@code null} for the
 * per-model defaults of the published rate-limit table (glm-4.5 10, glm-4.5-air 5,
 * glm-4.5-airx 5, glm-4.5-flash 2, glm-4.6 5, others 10)
 * @param faults fault kind to probability
 * @param rulesFile a YAML rules file (see {@link SimulatorRulesFile}), or {@code null}
 * @param apiKeys accepted API keys; empty accepts any non-empty bearer token
 * @param seed seed of the random draws
 */
public record SimulatorOptions(int port, Duration latencyMedian, double latencySigma, double tokensPerSecond,
		@Nullable Integer maxInFlight, Map<String, Double> faults, @Nullable Path rulesFile, Set<String> apiKeys,
		long seed) {

	/** Fault kinds understood in {@code faults}, in the order they are drawn. */
	public static final Set<String> FAULT_KINDS = Fault.keys();

	private static final double ROUNDING_SLACK = 1e-9;

	public SimulatorOptions {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be within 0..65535, was " + port);
		}
		if (latencyMedian.isNegative()) {
			throw new IllegalArgumentException("latencyMedian must not be negative, was " + latencyMedian);
		}
		if (!(latencySigma >= 0) || Double.isInfinite(latencySigma)) {
			throw new IllegalArgumentException("latencySigma must be a finite number >= 0, was " + latencySigma);
		}
		if (!(tokensPerSecond >= 0) || Double.isInfinite(tokensPerSecond)) {
			throw new IllegalArgumentException("tokensPerSecond must be a finite number >= 0, was " + tokensPerSecond);
		}
		if (maxInFlight != null && maxInFlight < 1) {
			throw new IllegalArgumentException("maxInFlight must be >= 1 when set, was " + maxInFlight);
		}
		faults = normaliseFaults(faults);
		apiKeys = Set.copyOf(apiKeys);
		if (apiKeys.stream().anyMatch(String::isBlank)) {
			throw new IllegalArgumentException("apiKeys must not contain a blank key");
		}
	}

	/**
	 * Options for tests: a free port, no latency, no pacing, no faults, per-model
	 * in-flight limits, any key, seed 42.
	 * @return the default options
	 */
	public static SimulatorOptions defaults() {
		return new SimulatorOptions(0, Duration.ZERO, 0.0, 0.0, null, Map.of(), null, Set.of(), 42L);
	}

	/**
	 * Options that feel like the hosted API: about 0.8 s to the first token and 60 tokens
	 * per second; otherwise as {@link #defaults()}.
	 * @return realistic options
	 */
	public static SimulatorOptions realistic() {
		return defaults().withLatencyMedian(Duration.ofMillis(800)).withLatencySigma(0.4).withTokensPerSecond(60);
	}

	/**
	 * Parses a fault specification such as {@code 1302=0.05,500=0.01}. Blank input gives
	 * no faults.
	 * @param spec comma-separated {@code kind=probability} pairs; kinds are those of
	 * {@link #FAULT_KINDS}
	 * @return the faults, keyed by their canonical kind
	 * @throws IllegalArgumentException naming the offending pair
	 */
	public static Map<String, Double> parseFaults(String spec) {
		Map<String, Double> faults = new LinkedHashMap<>();
		for (String pair : spec.split(",")) {
			if (pair.isBlank()) {
				continue;
			}
			int equals = pair.indexOf('=');
			if (equals < 0) {
				throw new IllegalArgumentException(
						"fault '" + pair.trim() + "' must look like kind=probability, e.g. 1302=0.05");
			}
			String kind = pair.substring(0, equals).trim();
			String value = pair.substring(equals + 1).trim();
			try {
				faults.put(kind, Double.parseDouble(value));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"fault '" + kind + "' has probability '" + value + "', which is not a number", ex);
			}
		}
		return normaliseFaults(faults);
	}

	private static Map<String, Double> normaliseFaults(Map<String, Double> faults) {
		Map<String, Double> normalised = new LinkedHashMap<>();
		double total = 0;
		for (Map.Entry<String, Double> entry : faults.entrySet()) {
			Fault fault = Fault.fromKey(entry.getKey());
			double probability = entry.getValue();
			if (!(probability >= 0 && probability <= 1)) {
				throw new IllegalArgumentException(
						"fault '" + entry.getKey() + "' must have a probability within 0..1, was " + probability);
			}
			normalised.put(fault.key(), probability);
			total += probability;
		}
		if (total > 1 + ROUNDING_SLACK) {
			throw new IllegalArgumentException(
					"fault probabilities are exclusive outcomes and must add up to at most 1, were " + total);
		}
		return Collections.unmodifiableMap(normalised);
	}

	@Override
	public String toString() {
		// the keys are secrets; show only how many there are
		return "SimulatorOptions[port=" + this.port + ", latencyMedian=" + this.latencyMedian + ", latencySigma="
				+ this.latencySigma + ", tokensPerSecond=" + this.tokensPerSecond + ", maxInFlight=" + this.maxInFlight
				+ ", faults=" + this.faults + ", rulesFile=" + this.rulesFile + ", apiKeys=" + this.apiKeys.size()
				+ " key(s), seed=" + this.seed + "]";
	}

	public SimulatorOptions withPort(int port) {
		return new SimulatorOptions(port, this.latencyMedian, this.latencySigma, this.tokensPerSecond, this.maxInFlight,
				this.faults, this.rulesFile, this.apiKeys, this.seed);
	}

	public SimulatorOptions withLatencyMedian(Duration latencyMedian) {
		return new SimulatorOptions(this.port, latencyMedian, this.latencySigma, this.tokensPerSecond, this.maxInFlight,
				this.faults, this.rulesFile, this.apiKeys, this.seed);
	}

	public SimulatorOptions withLatencySigma(double latencySigma) {
		return new SimulatorOptions(this.port, this.latencyMedian, latencySigma, this.tokensPerSecond, this.maxInFlight,
				this.faults, this.rulesFile, this.apiKeys, this.seed);
	}

	public SimulatorOptions withTokensPerSecond(double tokensPerSecond) {
		return new SimulatorOptions(this.port, this.latencyMedian, this.latencySigma, tokensPerSecond, this.maxInFlight,
				this.faults, this.rulesFile, this.apiKeys, this.seed);
	}

	public SimulatorOptions withMaxInFlight(@Nullable Integer maxInFlight) {
		return new SimulatorOptions(this.port, this.latencyMedian, this.latencySigma, this.tokensPerSecond, maxInFlight,
				this.faults, this.rulesFile, this.apiKeys, this.seed);
	}

	public SimulatorOptions withFaults(Map<String, Double> faults) {
		return new SimulatorOptions(this.port, this.latencyMedian, this.latencySigma, this.tokensPerSecond,
				this.maxInFlight, faults, this.rulesFile, this.apiKeys, this.seed);
	}

	public SimulatorOptions withRulesFile(@Nullable Path rulesFile) {
		return new SimulatorOptions(this.port, this.latencyMedian, this.latencySigma, this.tokensPerSecond,
				this.maxInFlight, this.faults, rulesFile, this.apiKeys, this.seed);
	}

	public SimulatorOptions withApiKeys(Set<String> apiKeys) {
		return new SimulatorOptions(this.port, this.latencyMedian, this.latencySigma, this.tokensPerSecond,
				this.maxInFlight, this.faults, this.rulesFile, apiKeys, this.seed);
	}

	public SimulatorOptions withSeed(long seed) {
		return new SimulatorOptions(this.port, this.latencyMedian, this.latencySigma, this.tokensPerSecond,
				this.maxInFlight, this.faults, this.rulesFile, this.apiKeys, seed);
	}

}
