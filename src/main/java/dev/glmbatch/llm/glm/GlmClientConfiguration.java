package dev.glmbatch.llm.glm;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.PriceList;

/** Wires the GLM adapter as the application's {@link LlmClient}, configured from {@code glm.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GlmProperties.class)
public class GlmClientConfiguration {

	/** The shared client; Spring closes it on shutdown (inferred {@code close()}). */
	@Bean
	GlmClient llmClient(GlmProperties properties) {
		return GlmClient.create(properties);
	}

	/** Z.AI's prices with the {@code glm.prices} overrides, for quotes and budgets. */
	@Bean
	PriceList priceList(GlmProperties properties) {
		return new GlmPricing(properties.prices());
	}

}
