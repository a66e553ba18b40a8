package dev.glmbatch.run;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.glmbatch.llm.LlmProbe;
import dev.glmbatch.llm.LlmProbe.Reachability;

/**
 * Checks the GLM endpoint before a run from the command line, with a request no server
 * bills: a refused API key, an endpoint that cannot be reached at all, or one that has no
 * chat completions route (a wrong base URL) stops the command before any run is created
 * or any row is read, instead of retrying every call and failing the run. An endpoint
 * that answers but is in trouble now (HTTP 5xx) is only reported: the run's own retries
 * deal with it and stop the run resumable if it stays so.
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
	 * @throws RunRefusedException when the endpoint refuses the API key, cannot be
	 * reached, or serves no chat route
	 */
	public void requireAcceptedKey() {
		Reachability reachability = probe.probe();
		if (reachability.reachable() && !reachability.authorised()) {
			throw new RunRefusedException(reachability.detail()
					+ ". Set ZAI_API_KEY to a valid key for this endpoint (or glm.base-url to the endpoint the key"
					+ " belongs to); nothing was run.");
		}
		if (!reachability.reachable() && !reachability.authorised()) {
			// nothing came back, or not from a chat route: no retry can help
			throw new RunRefusedException("GLM endpoint check failed: " + reachability.detail()
					+ ". Check --base-url (glm.base-url: the API root, e.g. https://api.z.ai/api/paas/v4, without"
					+ " /chat/completions), the network and --dialect; nothing was run.");
		}
		if (!reachability.reachable()) {
			log.warn("GLM endpoint check: {}; the run goes on and retries, and stops resumable if it stays so",
					reachability.detail());
		}
	}

}
