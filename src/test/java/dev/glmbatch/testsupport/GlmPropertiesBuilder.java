package dev.glmbatch.testsupport;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.glmbatch.llm.ModelPrice;
import dev.glmbatch.llm.ModelSettings;
import dev.glmbatch.llm.glm.GlmDialect;
import dev.glmbatch.llm.glm.GlmProperties;

/**
 * GLM client settings for tests: {@link GlmProperties#defaults} with the few settings a
 * test changes. {@link #build} checks them as binding {@code glm.*} would.
 *
 * <pre>
 * GlmProperties properties = glmProperties("test-key").baseUrl(simulator.zaiBaseUrl()).maxAttempts(2).build();
 * </pre>
 */
public final class GlmPropertiesBuilder {

	private URI baseUrl;

	private GlmDialect dialect;

	private final String apiKey;

	private final Duration connectTimeout;

	private Duration callTimeout;

	private int maxAttempts;

	private Duration initialBackoff;

	private Duration maxBackoff;

	private Duration maxRetryAfter;

	private Map<String, ModelPrice> prices;

	private Map<String, ModelSettings> models;

	private Map<String, Integer> maxInFlight;

	private GlmPropertiesBuilder(GlmProperties defaults) {
		this.baseUrl = defaults.baseUrl();
		this.dialect = defaults.dialect();
		this.apiKey = defaults.apiKey();
		this.connectTimeout = defaults.connectTimeout();
		this.callTimeout = defaults.callTimeout();
		this.maxAttempts = defaults.maxAttempts();
		this.initialBackoff = defaults.initialBackoff();
		this.maxBackoff = defaults.maxBackoff();
		this.maxRetryAfter = defaults.maxRetryAfter();
		this.prices = defaults.prices();
		this.models = defaults.models();
		this.maxInFlight = defaults.maxInFlight();
	}

	/** The defaults with this API key ({@code ""} for none). */
	public static GlmPropertiesBuilder glmProperties(String apiKey) {
		return new GlmPropertiesBuilder(GlmProperties.defaults(apiKey));
	}

	public GlmPropertiesBuilder baseUrl(URI url) {
		this.baseUrl = url;
		return this;
	}

	public GlmPropertiesBuilder dialect(GlmDialect value) {
		this.dialect = value;
		return this;
	}

	public GlmPropertiesBuilder callTimeout(Duration timeout) {
		this.callTimeout = timeout;
		return this;
	}

	public GlmPropertiesBuilder maxAttempts(int attempts) {
		this.maxAttempts = attempts;
		return this;
	}

	public GlmPropertiesBuilder backoff(Duration initial, Duration max) {
		this.initialBackoff = initial;
		this.maxBackoff = max;
		return this;
	}

	public GlmPropertiesBuilder maxRetryAfter(Duration max) {
		this.maxRetryAfter = max;
		return this;
	}

	public GlmPropertiesBuilder prices(Map<String, ModelPrice> byModel) {
		this.prices = byModel;
		return this;
	}

	public GlmPropertiesBuilder models(Map<String, ModelSettings> byModel) {
		this.models = byModel;
		return this;
	}

	/** One in-flight limit for every model ({@code glm.max-in-flight=N}). */
	public GlmPropertiesBuilder maxInFlight(int limit) {
		this.maxInFlight = Map.of(GlmProperties.EVERY_MODEL, limit);
		return this;
	}

	/**
	 * In-flight limits by model id ({@value GlmProperties#EVERY_MODEL} for every model).
	 */
	public GlmPropertiesBuilder maxInFlight(Map<String, Integer> byModel) {
		this.maxInFlight = byModel;
		return this;
	}

	/**
	 * @throws IllegalArgumentException for a setting {@code glm.*} would refuse, naming
	 * it
	 */
	public GlmProperties build() {
		return new GlmProperties(baseUrl, dialect, apiKey, connectTimeout, callTimeout, maxAttempts, initialBackoff,
				maxBackoff, maxRetryAfter, prices, models, maxInFlight);
	}

}
