package dev.glmbatch.llm.glm;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Set;

import dev.glmbatch.llm.LlmProbe.Reachability;
import dev.glmbatch.simulator.SimulatorOptions;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.glmbatch.testsupport.GlmPropertiesBuilder.glmProperties;
import static org.assertj.core.api.Assertions.assertThat;

class GlmClientProbeTests {

	@RegisterExtension
	static GlmSimulatorExtension simulator = GlmSimulatorExtension
		.withOptions(SimulatorOptions.defaults().withApiKeys(Set.of("good-key")));

	@Test
	void aReachableEndpointThatAcceptsTheKeyIsUpAndNothingIsAnswered() {
		try (GlmClient client = GlmClient.create(glmProperties("good-key").baseUrl(simulator.zaiBaseUrl()).build())) {
			Reachability reachability = client.probe();

			assertThat(reachability.isUp()).as(reachability.detail()).isTrue();
			assertThat(simulator.stats().countOfStatus(200)).as("no billable answer").isZero();
			assertThat(simulator.stats().countOfStatus(400)).isEqualTo(1);
		}
	}

	@Test
	void aRefusedKeyIsReachableButNotAuthorised() {
		try (GlmClient client = GlmClient.create(glmProperties("bad-key").baseUrl(simulator.zaiBaseUrl()).build())) {
			Reachability reachability = client.probe();

			assertThat(reachability.reachable()).isTrue();
			assertThat(reachability.authorised()).isFalse();
			assertThat(reachability.detail()).contains("401").doesNotContain("bad-key");
		}
	}

	@Test
	void aRefusedLongKeyIsNamedByItsLastFourCharactersOnly() {
		String key = "0123456789abcdef.wrongWRONG";
		try (GlmClient client = GlmClient.create(glmProperties(key).baseUrl(simulator.zaiBaseUrl()).build())) {
			Reachability reachability = client.probe();

			assertThat(reachability.detail()).contains(simulator.zaiBaseUrl().toString())
				.contains("ending in …RONG")
				.doesNotContain("wrongWRONG");
		}
	}

	@Test
	void aClosedPortIsUnreachable() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		URI nowhere = URI.create("http://127.0.0.1:" + port + "/api/paas/v4");
		try (GlmClient client = GlmClient.create(glmProperties("good-key").baseUrl(nowhere).build())) {
			assertThat(client.probe().reachable()).isFalse();
		}
	}

	@Test
	void anEndpointWithoutAChatRouteIsNeitherReachableNorAuthorisedAndSaysSo() {
		URI wrongPath = URI.create(simulator.simulator().baseUrl() + "/api/v4");
		try (GlmClient client = GlmClient.create(glmProperties("good-key").baseUrl(wrongPath).build())) {
			Reachability reachability = client.probe();

			assertThat(reachability.reachable()).isFalse();
			assertThat(reachability.authorised()).isFalse();
			assertThat(reachability.detail()).contains(wrongPath + "/chat/completions").contains("HTTP 404");
		}
	}

}
