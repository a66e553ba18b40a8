package dev.glmbatch.llm.glm;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the GLM client, bound from {@code glm.*}.
 *
 * <p>Base URLs: Z.AI (international) {@code https://api.z.ai/api/paas/v4}, the default; BigModel (mainland China)
 * {@code https://open.bigmodel.cn/api/paas/v4}; a self-hosted vLLM or SGLang server
 * {@code http://host:8000/v1} with {@code glm.dialect=openai-compatible}. The client appends
 * {@code /chat/completions}. Do not use the Coding-plan base ({@code .../api/coding/paas/v4}) for bulk work.
 *
 * <p>Price keys contain dots, so bind them with brackets:
 * {@code glm.prices[glm-4.5].input-per-million=0.60}.
 *
 * @param baseUrl the API root, without {@code /chat/completions}
 * @param dialect how thinking is switched on the server
 * @param apiKey the API key, sent as a bearer token; empty sends no {@code Authorization} header (self-hosted).
 * Never printed: {@link #toString()} masks it
 * @param connectTimeout limit for opening a connection
 * @param callTimeout overall deadline of one HTTP attempt, from sending to the last byte of the answer; also cuts
 * responses that trickle in slowly
 * @param maxAttempts HTTP attempts per call, first one included
 * @param initialBackoff ceiling of the first retry's random wait; the ceiling doubles per retry
 * @param maxBackoff highest ceiling of a retry's random wait
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails the call at once
 * @param prices per-model prices that replace or extend the built-in Z.AI table (keys are model ids)
 * @param maxInFlight the account's in-flight limit per model, the ceiling of the adaptive limit (see
 * {@link ConcurrencyGovernor}); {@code null} for Z.AI's published per-model defaults
 */
@ConfigurationProperties(GlmProperties.PREFIX)
public record GlmProperties(@DefaultValue(GlmProperties.ZAI_BASE_URL) URI baseUrl,
		@DefaultValue("zai") GlmDialect dialect, @DefaultValue("") String apiKey,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("120s") Duration callTimeout,
		@DefaultValue("6") int maxAttempts, @DefaultValue("500ms") Duration initialBackoff,
		@DefaultValue("30s") Duration maxBackoff, @DefaultValue("120s") Duration maxRetryAfter,
		Map<String, ModelPrice> prices, @Nullable Integer maxInFlight) {

	/** Property prefix. */
	public static final String PREFIX = "glm";

	/** Z.AI's international endpoint. */
	public static final String ZAI_BASE_URL = "https://api.z.ai/api/paas/v4";

	/** BigModel's mainland endpoint; keys are region-bound and do not work across the two. */
	public static final String BIGMODEL_BASE_URL = "https://open.bigmodel.cn/api/paas/v4";

	private static final String COMPLETIONS_PATH = "/chat/completions";

	public GlmProperties {
		Objects.requireNonNull(baseUrl, "glm.base-url must be set");
		Objects.requireNonNull(dialect, "glm.dialect must be set");
		String scheme = (baseUrl.getScheme() != null) ? baseUrl.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!baseUrl.isAbsolute() || baseUrl.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
			throw new IllegalArgumentException("glm.base-url must be an absolute http(s) URL, was " + baseUrl);
		}
		if (baseUrl.getQuery() != null || baseUrl.getFragment() != null) {
			throw new IllegalArgumentException("glm.base-url must not have a query or fragment, was " + baseUrl);
		}
		apiKey = (apiKey != null) ? apiKey.strip() : "";
		requirePositive(connectTimeout, "glm.connect-timeout");
		requirePositive(callTimeout, "glm.call-timeout");
		requirePositive(initialBackoff, "glm.initial-backoff");
		requirePositive(maxBackoff, "glm.max-backoff");
		Objects.requireNonNull(maxRetryAfter, "glm.max-retry-after must be set");
		if (maxRetryAfter.isNegative()) {
			throw new IllegalArgumentException("glm.max-retry-after must not be negative, was " + maxRetryAfter);
		}
		if (maxAttempts < 1 || maxAttempts > 100) {
			throw new IllegalArgumentException("glm.max-attempts must be between 1 and 100, was " + maxAttempts);
		}
		if (initialBackoff.compareTo(maxBackoff) > 0) {
			throw new IllegalArgumentException("glm.initial-backoff (" + initialBackoff
					+ ") must not exceed glm.max-backoff (" + maxBackoff + ")");
		}
		prices = (prices != null) ? Map.copyOf(prices) : Map.of();
		if (maxInFlight != null && (maxInFlight < 1 || maxInFlight > 10_000)) {
			throw new IllegalArgumentException("glm.max-in-flight must be between 1 and 10000, was " + maxInFlight);
		}
	}

	/** Defaults for everything but the key: Z.AI, ZAI dialect, 6 attempts, 120 s per attempt. */
	public static GlmProperties defaults(@Nullable String apiKey) {
		return new GlmProperties(URI.create(ZAI_BASE_URL), GlmDialect.ZAI, apiKey, Duration.ofSeconds(5),
				Duration.ofSeconds(120), 6, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(120),
				Map.of(), null);
	}

	public GlmProperties withBaseUrl(URI newBaseUrl) {
		return new GlmProperties(newBaseUrl, dialect, apiKey, connectTimeout, callTimeout, maxAttempts,
				initialBackoff, maxBackoff, maxRetryAfter, prices, maxInFlight);
	}

	public GlmProperties withDialect(GlmDialect newDialect) {
		return new GlmProperties(baseUrl, newDialect, apiKey, connectTimeout, callTimeout, maxAttempts,
				initialBackoff, maxBackoff, maxRetryAfter, prices, maxInFlight);
	}

	public GlmProperties withCallTimeout(Duration newCallTimeout) {
		return new GlmProperties(baseUrl, dialect, apiKey, connectTimeout, newCallTimeout, maxAttempts,
				initialBackoff, maxBackoff, maxRetryAfter, prices, maxInFlight);
	}

	public GlmProperties withMaxAttempts(int newMaxAttempts) {
		return new GlmProperties(baseUrl, dialect, apiKey, connectTimeout, callTimeout, newMaxAttempts,
				initialBackoff, maxBackoff, maxRetryAfter, prices, maxInFlight);
	}

	public GlmProperties withBackoff(Duration newInitialBackoff, Duration newMaxBackoff) {
		return new GlmProperties(baseUrl, dialect, apiKey, connectTimeout, callTimeout, maxAttempts,
				newInitialBackoff, newMaxBackoff, maxRetryAfter, prices, maxInFlight);
	}

	public GlmProperties withMaxRetryAfter(Duration newMaxRetryAfter) {
		return new GlmProperties(baseUrl, dialect, apiKey, connectTimeout, callTimeout, maxAttempts,
				initialBackoff, maxBackoff, newMaxRetryAfter, prices, maxInFlight);
	}

	public GlmProperties withPrices(Map<String, ModelPrice> newPrices) {
		return new GlmProperties(baseUrl, dialect, apiKey, connectTimeout, callTimeout, maxAttempts,
				initialBackoff, maxBackoff, maxRetryAfter, newPrices, maxInFlight);
	}

	public GlmProperties withMaxInFlight(@Nullable Integer newMaxInFlight) {
		return new GlmProperties(baseUrl, dialect, apiKey, connectTimeout, callTimeout, maxAttempts,
				initialBackoff, maxBackoff, maxRetryAfter, prices, newMaxInFlight);
	}

	/** Whether a key is configured; without one no {@code Authorization} header is sent. */
	public boolean hasApiKey() {
		return !apiKey.isEmpty();
	}

	/** The chat endpoint: the base URL with {@code /chat/completions} appended. */
	public URI chatCompletionsUri() {
		String base = baseUrl.toString();
		while (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		return URI.create(base + COMPLETIONS_PATH);
	}

	@Override
	public String toString() {
		return "GlmProperties[baseUrl=" + baseUrl + ", dialect=" + dialect + ", apiKey="
				+ (hasApiKey() ? "******" : "(none)") + ", connectTimeout=" + connectTimeout + ", callTimeout="
				+ callTimeout + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
				+ ", maxBackoff=" + maxBackoff + ", maxRetryAfter=" + maxRetryAfter + ", prices=" + prices.keySet()
				+ ", maxInFlight=" + maxInFlight + "]";
	}

	private static void requirePositive(Duration value, String name) {
		Objects.requireNonNull(value, name + " must be set");
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

}
