package dev.glmbatch.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The GLM endpoint options of the commands that call GLM ({@code run}, {@code restart},
 * {@code serve}): given, they outrank {@code glm.base-url} and {@code glm.dialect} from
 * the environment and {@code application.properties}.
 */
final class GlmEndpointOptions {

	@Option(names = "--base-url", paramLabel = "URL",
			description = "GLM API base URL (default: Z.AI international, https://api.z.ai/api/paas/v4; restart: the run's).")
	@Nullable String baseUrl;

	@Option(names = "--dialect", paramLabel = "DIALECT",
			description = "ZAI (default) or OPENAI_COMPATIBLE for a self-hosted vLLM or SGLang server (restart: the run's).")
	@Nullable String dialect;

	/**
	 * Puts the options given into the properties of the context to start, over any
	 * {@code glm.base-url} already there (a simulator's).
	 */
	void putInto(Map<String, Object> properties) {
		if (baseUrl != null) {
			properties.put("glm.base-url", baseUrl);
		}
		if (dialect != null) {
			properties.put("glm.dialect", dialect);
		}
	}

	/**
	 * Refuses a base URL that is not an absolute http(s) URL, before anything starts.
	 * @throws CommandException naming the option and what to give instead
	 */
	void requireValid() {
		if (baseUrl == null) {
			return;
		}
		URI uri;
		try {
			uri = new URI(baseUrl);
		}
		catch (URISyntaxException ex) {
			uri = null;
		}
		String scheme = (uri != null && uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (uri == null || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
			throw new CommandException("--base-url " + baseUrl + ": not an absolute http(s) URL. Give the API root with"
					+ " its scheme, e.g. https://api.z.ai/api/paas/v4 or http://127.0.0.1:8000/v1.");
		}
	}

}
