package dev.glmbatch.run;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.glmbatch.llm.LlmProbe;
import dev.glmbatch.llm.LlmProbe.Reachability;

/**
 * Checks the GLM endpoint before a run from the command line, with a request no server bills (reliability.md #36): a
 * refused API key stops the command before any row is read, instead of failing the run at its first row. An endpoint
 * that does not answer now is only reported; the run's own retries deal with it and stop it resumable if it stays
 * down.
 */
@Component
public class Preflight {

	private static final Logger log = LoggerFactory.getLogger(Preflight.class);

	private final LlmProbe probe;

	public Preflight(LlmProbe probe) {
		this.probe = Objects.requireNonNull(probe, "probe");
	}

	/**
	 * Probes the endpoint.
	 * @throws RunRefusedException when the endpoint refuses the API key
	 */
	public void requireAcceptedKey() {
		Reachability reachability = probe.probe();
		if (reachability.reachable() && !reachability.authorised()) {
			throw new RunRefusedException(reachability.detail()
					+ ". Set ZAI_API_KEY to a valid key for this endpoint (or glm.base-url to the endpoint the key"
					+ " belongs to); nothing was run.");
		}
		if (!reachability.reachable()) {
			log.warn("GLM endpoint check: {}; the run goes on and retries, and stops resumable if it stays so",
					reachability.detail());
		}
	}

}
