package dev.glmbatch.simulator;

import dev.glmbatch.testsupport.GlmSimulatorExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class GlmSimulatorExtensionTests {

	private static final String HELLO = """
			{"model":"glm-4.5","messages":[{"role":"user","content":"hi"}]}""";

	@Nested
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	class SharedAcrossClass {

		@RegisterExtension
		static GlmSimulatorExtension simulator = GlmSimulatorExtension
			.withOptions(SimulatorOptions.defaults().withPort(0).withMaxInFlight(3));

		private static int firstPort;

		@Test
		@Order(1)
		void leavesCountsAndRulesBehind() {
			firstPort = simulator.simulator().port();
			simulator.addRule(SimulatorRule.when(SimulatorRule.Match.any(), SimulatorRule.Response.content("ruled")));

			new RawHttp(simulator.simulator().baseUrl()).post(RawHttp.ZAI, HELLO);

			assertThat(simulator.stats().requests()).isEqualTo(1);
		}

		@Test
		@Order(2)
		void startsNextTestOnSameServerWithCleanCountsAndNoRules() {
			String content = RawHttp.json(new RawHttp(simulator.simulator().baseUrl()).post(RawHttp.ZAI, HELLO))
				.get("choices")
				.get(0)
				.get("message")
				.get("content")
				.stringValue();

			assertThat(simulator.simulator().port()).isEqualTo(firstPort);
			assertThat(simulator.stats().requests()).isEqualTo(1);
			assertThat(content).startsWith("Simulated answer ");
			assertThat(simulator.zaiBaseUrl()).isEqualTo(simulator.simulator().zaiBaseUrl());
			assertThat(simulator.openAiBaseUrl()).isEqualTo(simulator.simulator().openAiBaseUrl());
		}

	}

	@Nested
	class PerTest {

		@RegisterExtension
		GlmSimulatorExtension simulator = new GlmSimulatorExtension();

		@Test
		void runsSimulatorForTheTestAlone() {
			assertThat(new RawHttp(this.simulator.simulator().baseUrl()).post(RawHttp.ZAI, HELLO).statusCode())
				.isEqualTo(200);
			assertThat(this.simulator.stats().requests()).isEqualTo(1);
		}

	}

}
