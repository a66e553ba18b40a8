package dev.glmbatch.simulator;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SimulatorOptionsTests {

	@Test
	void parsesFaultSpecification() {
		Map<String, Double> faults = SimulatorOptions.parseFaults("1302=0.05, 500=0.01,malformed_sse=0.1");

		assertThat(faults).containsOnly(Map.entry("1302", 0.05), Map.entry("500", 0.01),
				Map.entry("malformed-sse", 0.1));
	}

	@Test
	void parsesBlankSpecificationAsNoFaults() {
		assertThat(SimulatorOptions.parseFaults(" ")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "1302", "1302=abc", "9999=0.1", "1302=1.5", "1302=-0.1", "1302=0.6,500=0.6" })
	void refusesBadFaultSpecification(String spec) {
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatorOptions.parseFaults(spec));
	}

	@Test
	void namesKnownFaultsWhenKindIsUnknown() {
		assertThatIllegalArgumentException().isThrownBy(() -> SimulatorOptions.parseFaults("timeout=0.1"))
			.withMessageContaining("timeout")
			.withMessageContaining("slow-drip");
	}

	@Test
	void defaultsToInstantFaultFreeSimulatorOnFreePort() {
		SimulatorOptions defaults = SimulatorOptions.defaults();

		assertThat(defaults.port()).isZero();
		assertThat(defaults.latencyMedian()).isZero();
		assertThat(defaults.tokensPerSecond()).isZero();
		assertThat(defaults.faults()).isEmpty();
		assertThat(defaults.apiKeys()).isEmpty();
		assertThat(defaults.maxInFlight()).isNull();
	}

	@Test
	void copiesWithOneComponentChanged() {
		SimulatorOptions options = SimulatorOptions.defaults()
			.withLatencyMedian(Duration.ofMillis(300))
			.withSeed(9)
			.withApiKeys(Set.of("a.b"));

		assertThat(options.latencyMedian()).isEqualTo(Duration.ofMillis(300));
		assertThat(options.seed()).isEqualTo(9);
		assertThat(options.apiKeys()).containsExactly("a.b");
		assertThat(options.port()).isZero();
	}

	@Test
	void masksApiKeysInToString() {
		assertThat(SimulatorOptions.defaults().withApiKeys(Set.of("id.very-secret"))).asString()
			.doesNotContain("very-secret");
	}

	@Test
	void refusesInvalidValues() {
		SimulatorOptions defaults = SimulatorOptions.defaults();

		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withPort(70000));
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withLatencyMedian(Duration.ofMillis(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withTokensPerSecond(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxInFlight(0));
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withFaults(Map.of("drop", 2.0)));
	}

}
