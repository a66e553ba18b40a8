package dev.glmbatch.llm.glm;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.ModelCatalog;
import dev.glmbatch.llm.ModelPrice;
import dev.glmbatch.llm.ThinkingControl;

import static dev.glmbatch.testsupport.GlmPropertiesBuilder.glmProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GlmPropertiesTests {

	private static final String CANARY = "canary-id.Secr3tPart-7c1e";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(GlmClientConfiguration.class);

	@Test
	void bindsDefaultsAndExposesAnLlmClientBean() {
		contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LlmClient.class);
			GlmProperties properties = context.getBean(GlmProperties.class);
			assertThat(properties).isEqualTo(GlmProperties.defaults(""));
			assertThat(properties.chatCompletionsUri())
				.isEqualTo(URI.create("https://api.z.ai/api/paas/v4/chat/completions"));
			assertThat(properties.hasApiKey()).isFalse();
		});
	}

	@Test
	void bindsEveryPropertyIncludingPricesWithDottedModelIds() {
		contextRunner
			.withPropertyValues("glm.base-url=http://gpu-box:8000/v1/", "glm.dialect=openai-compatible",
					"glm.api-key=" + CANARY, "glm.connect-timeout=2s", "glm.call-timeout=90s", "glm.max-attempts=4",
					"glm.initial-backoff=250ms", "glm.max-backoff=10s", "glm.max-retry-after=60s",
					"glm.prices[glm-4.5-air].input-per-million=0.25",
					"glm.prices[glm-4.5-air].cached-input-per-million=0.05",
					"glm.prices[glm-4.5-air].output-per-million=1.20")
			.run((context) -> {
				GlmProperties properties = context.getBean(GlmProperties.class);
				assertThat(properties.dialect()).isEqualTo(GlmDialect.OPENAI_COMPATIBLE);
				assertThat(properties.chatCompletionsUri())
					.isEqualTo(URI.create("http://gpu-box:8000/v1/chat/completions"));
				assertThat(properties.apiKey()).isEqualTo(CANARY);
				assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.callTimeout()).isEqualTo(Duration.ofSeconds(90));
				assertThat(properties.maxAttempts()).isEqualTo(4);
				assertThat(properties.initialBackoff()).isEqualTo(Duration.ofMillis(250));
				assertThat(properties.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
				assertThat(properties.maxRetryAfter()).isEqualTo(Duration.ofSeconds(60));
				assertThat(properties.prices())
					.containsExactly(Map.entry("glm-4.5-air", ModelPrice.of("0.25", "0.05", "1.20")));
				assertThat(properties.toString()).doesNotContain(CANARY).contains("apiKey=******");
				assertThat(context.getBean(LlmClient.class).toString()).doesNotContain(CANARY);
			});
	}

	@Test
	void bindsOneInFlightLimitForEveryModelOrOnePerModel() {
		contextRunner.withPropertyValues("glm.max-in-flight=8").run((context) -> {
			GlmProperties properties = context.getBean(GlmProperties.class);
			assertThat(properties.maxInFlightOf("glm-4.7")).isEqualTo(8);
			assertThat(context.getBean(GlmClient.class).traffic("glm-4.5-air").limit()).isEqualTo(8);
		});
		contextRunner.withPropertyValues("glm.max-in-flight.glm-4.7=20", "glm.max-in-flight[GLM-5.3]=3")
			.run((context) -> {
				GlmProperties properties = context.getBean(GlmProperties.class);
				assertThat(properties.maxInFlightOf("glm-4.7")).isEqualTo(20);
				assertThat(properties.maxInFlightOf("glm-5.3")).isEqualTo(3);
				assertThat(properties.maxInFlightOf("glm-4.5-air")).isNull();
				GlmClient client = context.getBean(GlmClient.class);
				assertThat(client.traffic("glm-4.7").limit()).isEqualTo(20);
				assertThat(client.traffic("glm-5.3").limit()).isEqualTo(3);
				// the model table's default
				assertThat(client.traffic("glm-4.5-air").limit()).isEqualTo(5);
			});
		contextRunner.withPropertyValues("glm.max-in-flight=many").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining("glm.max-in-flight must be a number");
		});
	}

	@Test
	void bindsChangesAndAdditionsToTheModelTable() {
		contextRunner
			.withPropertyValues("glm.models[glm-4.7].max-in-flight=20", "glm.models[glm-4.7].output-per-million=2.00",
					"glm.models[my-glm].input-per-million=0.10", "glm.models[my-glm].output-per-million=0.30",
					"glm.models[my-glm].thinking=always", "glm.models[glm-5.3].thinking=toggle")
			.run((context) -> {
				ModelCatalog models = context.getBean(ModelCatalog.class);
				assertThat(models.spec("glm-4.7").maxInFlight()).isEqualTo(20);
				assertThat(models.spec("glm-4.7").price()).isEqualTo(ModelPrice.of("0.60", "0.11", "2.00"));
				assertThat(models.spec("my-glm").price()).isEqualTo(ModelPrice.of("0.10", "0.10", "0.30"));
				assertThat(models.spec("my-glm").thinking()).isEqualTo(ThinkingControl.ALWAYS);
				assertThat(models.spec("glm-5.3").thinking()).isEqualTo(ThinkingControl.TOGGLE);
				assertThat(context.getBean(GlmClient.class).traffic("glm-4.7").limit()).isEqualTo(20);
			});
		contextRunner.withPropertyValues("glm.models[my-glm].input-per-million=0.10").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("glm.models[my-glm]")
				.hasMessageContaining("output-per-million");
		});
	}

	@Test
	void failsStartupOnInvalidSettings() {
		contextRunner.withPropertyValues("glm.max-attempts=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("glm.max-attempts");
		});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			ftp://host/v4       | glm.base-url
			/api/paas/v4        | glm.base-url
			http://host/v1?x=1  | glm.base-url
			""")
	void rejectsBaseUrlsThatAreNotPlainHttpRoots(String baseUrl, String named) {
		assertThatIllegalArgumentException().isThrownBy(() -> glmProperties("k").baseUrl(URI.create(baseUrl)).build())
			.withMessageContaining(named);
	}

	@Test
	void rejectsInconsistentDurations() {
		assertThatIllegalArgumentException().isThrownBy(() -> glmProperties("k").callTimeout(Duration.ZERO).build())
			.withMessageContaining("glm.call-timeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> glmProperties("k").backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).build())
			.withMessageContaining("glm.initial-backoff");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> glmProperties("k").maxRetryAfter(Duration.ofSeconds(-1)).build())
			.withMessageContaining("glm.max-retry-after");
	}

	@Test
	void stripsTheKeyAndNeverPrintsIt() {
		GlmProperties properties = GlmProperties.defaults("  " + CANARY + "\n");

		assertThat(properties.apiKey()).isEqualTo(CANARY);
		assertThat(properties.toString()).doesNotContain(CANARY).doesNotContain("Secr3t");
		assertThat(GlmProperties.defaults(null).toString()).contains("apiKey=(none)");
	}

}
