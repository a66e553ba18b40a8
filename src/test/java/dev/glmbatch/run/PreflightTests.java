package dev.glmbatch.run;

import dev.glmbatch.llm.LlmProbe.Reachability;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreflightTests {

	@Test
	void aRefusedKeyStopsTheCommandWithWhatToSet() {
		Preflight preflight = new Preflight(
				() -> new Reachability(true, false, "http://glm.test/v4 refused the API key ending in …wxyz (HTTP 401)"));

		assertThatThrownBy(preflight::requireAcceptedKey).isInstanceOf(RunRefusedException.class)
			.hasMessageContaining("refused the API key ending in …wxyz (HTTP 401)")
			.hasMessageContaining("ZAI_API_KEY")
			.hasMessageContaining("nothing was run");
	}

	@Test
	void anEndpointThatDoesNotAnswerNowIsLeftToTheRunsRetries() {
		Preflight preflight = new Preflight(() -> new Reachability(false, false, "cannot reach it: ConnectException"));

		assertThatNoException().isThrownBy(preflight::requireAcceptedKey);
	}

	@Test
	void anEndpointThatAcceptsTheKeyPasses() {
		Preflight preflight = new Preflight(() -> new Reachability(true, true, "reachable (HTTP 400)"));

		assertThatNoException().isThrownBy(preflight::requireAcceptedKey);
	}

}
