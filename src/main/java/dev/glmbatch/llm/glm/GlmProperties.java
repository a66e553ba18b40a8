package dev.glmbatch.llm.glm;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.glmbatch.llm.ModelPrice;
import dev.glmbatch.llm.ModelSettings;
import dev.glmbatch.llm.ModelTable;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the GLM client, bound from {@code glm.*}.
 *
 * <p>
 * Base URLs: Z.AI (international) {@code https://api.z.ai/api/paas/v4}, the default;
 * BigModel (mainland China) {@code https://open.bigmodel.cn/api/paas/v4}; a self-hosted
 * vLLM or SGLang server {@code http://host:8000/v1} with
 * {@code glm.dialect=openai-compatible}. The client appends {@code /chat/completions}. Do
 * not use the Coding-plan base ({@code .../api/coding/paas/v4}) for bulk work.
 *
 * <p>
 * Model ids contain dots, so entries of the model table are bound with brackets:
 * {@code glm.models[glm-4.7].max-in-flight=20}. The in-flight ceiling is one number or
 * one per model: {@code glm.max-in-flight=8}, {@code glm.max-in-flight.glm-4.7=20}.
 *
 * @param baseUrl the API root, without {@code /chat/completions}
 * @param dialect how thinking is switched on the server
 * @param apiKey the API key, sent as a bearer token; empty sends no {@code Authorization}
 * header (self-hosted). Never printed: {@link #toString()} masks it
 * @param connectTimeout limit for opening a connection
 * @param callTimeout overall deadline of one HTTP attempt, from sending to the last byte
 * of the answer; also cuts responses that trickle in slowly
 * @param maxAttempts HTTP attempts per call, first one included
 * @param initialBackoff ceiling of the first retry's random wait; the ceiling doubles per
 * retry
 * @param maxBackoff highest ceiling of a retry's random wait
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails the
 * call at once
 * @param prices per-model prices laid over the model table, the older way to write
 * {@code glm.models[<id>].input-per-million} and its siblings (keys are model ids)
 * @param models entries of the model table to change or add, by model id (see
 * {@link ModelTable})
 * @param maxInFlight the account's in-flight limit, the ceiling of the adaptive limit
 * (see {@link ConcurrencyGovernor}), by model id; the key {@value #EVERY_MODEL} holds a
 * limit for every model (what {@code glm.max-in-flight=N} binds to). Models without one
 * use the model table's default
 */
@ConfigurationProperties(GlmProperties.PREFIX)
public record GlmProperties(@DefaultValue(GlmProperties.ZAI_BASE_URL) URI baseUrl,
		@DefaultValue("zai") GlmDialect dialect, @DefaultValue("") String apiKey,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("120s") Duration callTimeout,
		@DefaultValue("6") int maxAttempts, @DefaultValue("500ms") Duration initialBackoff,
		@DefaultValue("30s") Duration maxBackoff, @DefaultValue("120s") Duration maxRetryAfter,
		Map<String, ModelPrice> prices, Map<String, ModelSettings> models, Map<String, Integer> maxInFlight) {

	/** Property prefix. */
	public static final String PREFIX = "glm";

	/** Z.AI's international endpoint. */
	public static final String ZAI_BASE_URL = "https://api.z.ai/api/paas/v4";

	/**
	 * BigModel's mainland endpoint; keys are region-bound and do not work across the two.
	 */
	public static final String BIGMODEL_BASE_URL = "https://open.bigmodel.cn/api/paas/v4";

	/** The key of {@link #maxInFlight()} that holds the limit of every model. */
	public static final String EVERY_MODEL = "*";

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
		models = (models != null) ? Map.copyOf(models) : Map.of();
		Map<String, Integer> ceilings = new LinkedHashMap<>();
		if (maxInFlight != null) {
			maxInFlight.forEach((model, limit) -> {
				String name = model.equals(EVERY_MODEL) ? "glm.max-in-flight" : "glm.max-in-flight." + model;
				if (limit == null || limit < 1 || limit > 10_000) {
					throw new IllegalArgumentException(name + " must be between 1 and 10000, was " + limit);
				}
				ceilings.put(model.equals(EVERY_MODEL) ? model : model.strip().toLowerCase(Locale.ROOT), limit);
			});
		}
		maxInFlight = Map.copyOf(ceilings);
	}

	/**
	 * Defaults for everything but the key: Z.AI, ZAI dialect, 6 attempts, 120 s per
	 * attempt.
	 */
	public static GlmProperties defaults(String apiKey) {
		return new GlmProperties(URI.create(ZAI_BASE_URL), GlmDialect.ZAI, apiKey, Duration.ofSeconds(5),
				Duration.ofSeconds(120), 6, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(120),
				Map.of(), Map.of(), Map.of());
	}

	/**
	 * The shipped model table with the configuration's changes: {@code glm.prices} first,
	 * then {@code glm.models}.
	 * @throws IllegalArgumentException naming the property of a bad entry
	 */
	public ModelTable modelTable() {
		Map<String, ModelSettings> priced = new LinkedHashMap<>();
		prices.forEach((model, price) -> priced.put(model, ModelSettings.price(price)));
		return ModelTable.shipped().with(priced, "glm.prices").with(models, "glm.models");
	}

	/**
	 * The configured in-flight limit of a model, its own or that of every model, or
	 * {@code null} for none.
	 */
	public @Nullable Integer maxInFlightOf(String model) {
		Integer own = maxInFlight.get(model.strip().toLowerCase(Locale.ROOT));
		return (own != null) ? own : maxInFlight.get(EVERY_MODEL);
	}

	/**
	 * Whether a key is configured; without one no {@code Authorization} header is sent.
	 */
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
				+ callTimeout + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
				+ maxBackoff + ", maxRetryAfter=" + maxRetryAfter + ", prices=" + prices.keySet() + ", models="
				+ models.keySet() + ", maxInFlight=" + maxInFlight + "]";
	}

	private static void requirePositive(Duration value, String name) {
		Objects.requireNonNull(value, name + " must be set");
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

}
