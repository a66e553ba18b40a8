package dev.glmbatch.cli;

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

}
