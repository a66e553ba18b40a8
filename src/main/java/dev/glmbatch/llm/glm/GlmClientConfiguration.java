package dev.glmbatch.llm.glm;

import java.math.BigDecimal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.ModelCatalog;
import dev.glmbatch.llm.SharedInFlightLimit;

/**
 * Wires the GLM adapter as the application's {@link LlmClient}, configured from
 * {@code glm.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GlmProperties.class)
public class GlmClientConfiguration {

	/**
	 * The shared client; Spring closes it on shutdown (inferred {@code close()}). Its
	 * in-flight limit is shared with other processes when a {@link SharedInFlightLimit}
	 * is configured (a PostgreSQL state database).
	 */
	@Bean
	GlmClient llmClient(GlmProperties properties, ObjectProvider<SharedInFlightLimit> sharedLimit) {
		return GlmClient.create(properties, sharedLimit.getIfAvailable());
	}

	/**
	 * The Batch API at the same endpoint, with the same key and timeouts; its answers are
	 * priced at {@code glm.batch-price-factor} of the list price (half by default).
	 */
	@Bean
	GlmBatchClient batchApi(GlmClient client, GlmProperties properties,
			@Value("${glm.batch-price-factor:0.5}") BigDecimal priceFactor) {
		return GlmBatchClient.create(client, properties, priceFactor);
	}

	/**
	 * The model table the client uses (the shipped one with {@code glm.models}), for
	 * quotes, budgets and reports.
	 */
	@Bean
	ModelCatalog modelCatalog(GlmClient client) {
		return client.models();
	}

	/**
	 * Binds {@code glm.max-in-flight=N}, one limit for every model, beside the per-model
	 * form.
	 */
	@Bean
	@ConfigurationPropertiesBinding
	static InFlightLimitConverter inFlightLimitConverter() {
		return new InFlightLimitConverter();
	}

}
