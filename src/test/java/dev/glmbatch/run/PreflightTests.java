package dev.glmbatch.run;

import dev.glmbatch.llm.LlmProbe.Reachability;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreflightTests {

	@Test
	void aRefusedKeyStopsTheCommandWithWhatToSet() {
		Preflight preflight = new Preflight(() -> new Reachability(true, false,
				"http://glm.test/v4 refused the API key ending in …wxyz (HTTP 401)"));

		assertThatThrownBy(preflight::requireAcceptedKey).isInstanceOf(RunRefusedException.class)
			.hasMessageContaining("refused the API key ending in …wxyz (HTTP 401)")
			.hasMessageContaining("ZAI_API_KEY")
			.hasMessageContaining("nothing was run");
	}

	@Test
	void anEndpointThatCannotBeReachedStopsTheCommandNamingWhatToCheck() {
		Preflight preflight = new Preflight(() -> new Reachability(false, false,
				"cannot reach http://127.0.0.1:9/v4/chat/completions: ConnectException"));

		assertThatThrownBy(preflight::requireAcceptedKey).isInstanceOf(RunRefusedException.class)
			.hasMessageContaining("http://127.0.0.1:9/v4/chat/completions")
			.hasMessageContaining("--base-url")
			.hasMessageContaining("nothing was run");
	}

	@Test
	void anEndpointInTroubleNowIsLeftToTheRunsRetries() {
		Preflight preflight = new Preflight(
				() -> new Reachability(false, true, "http://glm.test/v4 answered HTTP 503"));

		assertThatNoException().isThrownBy(preflight::requireAcceptedKey);
	}

	@Test
	void anEndpointThatAcceptsTheKeyPasses() {
		Preflight preflight = new Preflight(() -> new Reachability(true, true, "reachable (HTTP 400)"));

		assertThatNoException().isThrownBy(preflight::requireAcceptedKey);
	}

}
