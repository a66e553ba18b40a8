package dev.glmbatch.llm.glm;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.ModelCatalog;

/**
 * Wires the GLM adapter as the application's {@link LlmClient}, configured from
 * {@code glm.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GlmProperties.class)
public class GlmClientConfiguration {

	/** The shared client; Spring closes it on shutdown (inferred {@code close()}). */
	@Bean
	GlmClient llmClient(GlmProperties properties) {
		return GlmClient.create(properties);
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
