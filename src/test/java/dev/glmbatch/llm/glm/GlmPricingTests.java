package dev.glmbatch.llm.glm;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.glmbatch.llm.TokenUsage;

import static org.assertj.core.api.Assertions.assertThat;

class GlmPricingTests {

	private final GlmPricing pricing = new GlmPricing(Map.of());

	@ParameterizedTest(name = "{0}: {1} prompt ({2} cached), {3} completion -> {4} USD")
	@CsvSource(textBlock = """
			glm-4.5,       1000000, 0,       1000000, 2.80
			glm-4.5,       1000000, 1000000, 0,       0.11
			glm-4.5,       179,     43,      100,     0.00030633
			glm-4.5-x,     1000000, 500000,  1000000, 10.225
			glm-4.5-air,   2000000, 1000000, 1000000, 1.33
			GLM-4.5-AirX,  1000000, 0,       0,       1.10
			glm-4.5-airx,  0,       0,       1000000, 4.50
			glm-4.5-flash, 5000000, 1000000, 5000000, 0
			""")
	void pricesUncachedCachedAndCompletionTokensSeparately(String model, long prompt, long cached, long completion,
			BigDecimal expected) {
		BigDecimal cost = pricing.costOf(model, new TokenUsage(prompt, completion, cached));

		assertThat(cost).isEqualByComparingTo(expected);
	}

	@Test
	void unknownModelCostsNothing() {
		assertThat(pricing.priceOf("zai-org/GLM-4.5-Air")).isNull();
		assertThat(pricing.costOf("zai-org/GLM-4.5-Air", new TokenUsage(1000, 1000, 0))).isEqualByComparingTo("0");
	}

	@Test
	void overridesReplaceAndExtendTheBuiltInTable() {
		GlmPricing custom = new GlmPricing(Map.of("GLM-4.5", ModelPrice.of("1", "0.5", "2"), "my-glm",
				ModelPrice.of("0.1", "0.1", "0.1")));

		assertThat(custom.costOf("glm-4.5", new TokenUsage(2_000_000, 1_000_000, 1_000_000)))
			.isEqualByComparingTo("3.5");
		assertThat(custom.costOf("my-glm", new TokenUsage(1_000_000, 0, 0))).isEqualByComparingTo("0.1");
		assertThat(custom.priceOf("glm-4.5-air")).isEqualTo(ModelPrice.of("0.20", "0.03", "1.10"));
	}

}
