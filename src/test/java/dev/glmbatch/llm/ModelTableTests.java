package dev.glmbatch.llm;

import java.math.BigDecimal;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The shipped model table: every model priced or marked unpriced, families, costs and
 * configuration changes.
 */
class ModelTableTests {

	private final ModelTable table = ModelTable.shipped();

	@Test
	void everyModelOfTheTableHasAPriceUnlessMarkedUnpriced() throws Exception {
		// read the resource itself: an entry that says neither would be refused on
		// loading, so look at the text too
		String text = new String(ModelTable.class.getResourceAsStream(ModelTable.RESOURCE).readAllBytes(),
				java.nio.charset.StandardCharsets.UTF_8);
		assertThat(table.entries()).hasSizeGreaterThanOrEqualTo(19);
		table.entries().forEach((id, spec) -> {
			String entry = text.substring(text.indexOf("  " + id + ":\n"));
			entry = entry.substring(0, entry.indexOf('}') + 1);
			if (spec.price() == null) {
				assertThat(entry).as(id).contains("unpriced: true");
			}
			else {
				assertThat(entry).as(id).doesNotContain("unpriced");
			}
			assertThat(spec.maxInFlight()).as(id).isPositive();
		});
		for (String model : new String[] { "glm-4.5", "glm-4.5-air", "glm-4.5-x", "glm-4.5-airx", "glm-4.5-flash",
				"glm-4.6", "glm-4.7", "glm-4.7-flashx", "glm-4.7-flash", "glm-5", "glm-5-turbo", "glm-5.1", "glm-5.2",
				"glm-5.3", "glm-5.3-flash", "glm-5.3-flashx" }) {
			assertThat(table.spec(model).priced()).as(model).isTrue();
			assertThat(table.spec(model).contextTokens()).as(model).isNotNull();
			assertThat(table.spec(model).maxOutputTokens()).as(model).isNotNull();
		}
	}

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
			glm-4.7,       1000000, 0,       1000000, 2.80
			glm-5.3,       1000000, 1000000, 1000000, 4.66
			glm-5.3-flashx, 1000000, 0,      1000000, 1.62
			""")
	void pricesUncachedCachedAndCompletionTokensSeparately(String model, long prompt, long cached, long completion,
			BigDecimal expected) {
		assertThat(table.spec(model).costOf(new TokenUsage(prompt, completion, cached)))
			.hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo(expected));
	}

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(textBlock = """
			glm-4.5-air-0111,        glm-4.5-air
			glm-5.3-flash-20260301,  glm-5.3-flash
			glm-5.3-20260301,        glm-5.3
			glm-z1-airx,             glm-z1
			glm-4.1v-thinking-flash, glm-4.1v-thinking
			""")
	void aDatedOrSuffixedIdFallsToItsFamily(String model, String family) {
		assertThat(table.spec(model)).isEqualTo(table.spec(family));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(textBlock = """
			glm-4.5,       TOGGLE
			glm-4.7,       TOGGLE
			glm-5.1,       TOGGLE
			glm-5.2,       EFFORT
			glm-5.3,       EFFORT
			glm-5.3-flash, EFFORT
			glm-z1-air,    ALWAYS
			""")
	void saysHowEachModelTakesTheThinkingSetting(String model, ThinkingControl control) {
		assertThat(table.spec(model).thinking()).isEqualTo(control);
	}

	@Test
	void anUnknownModelIsUnpricedNotFree() {
		ModelSpec unknown = table.spec("zai-org/GLM-4.5-Air");

		assertThat(unknown.priced()).isFalse();
		assertThat(unknown.listed()).isFalse();
		assertThat(unknown.costOf(new TokenUsage(1000, 1000, 0))).isEmpty();
		assertThat(unknown.maxInFlight()).isEqualTo(10);
		assertThat(table.spec("glm-4.5-flash").priced()).isTrue();
		assertThat(table.spec("glm-4.5-flash").costOf(new TokenUsage(1000, 1000, 0)))
			.hasValueSatisfying(cost -> assertThat(cost).isZero());
	}

	@Test
	void configurationChangesKeysOfAnEntryAndAddsModels() {
		ModelTable changed = table.with(Map.of("GLM-4.5",
				new ModelSettings(new BigDecimal("1"), new BigDecimal("0.5"), new BigDecimal("2"), null, null, null, 30,
						null),
				"my-glm", new ModelSettings(new BigDecimal("0.1"), null, new BigDecimal("0.1"), null, null, null, null,
						ThinkingControl.EFFORT)),
				"glm.models");

		assertThat(changed.spec("glm-4.5").costOf(new TokenUsage(2_000_000, 1_000_000, 1_000_000)))
			.hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("3.5"));
		assertThat(changed.spec("glm-4.5").maxInFlight()).isEqualTo(30);
		assertThat(changed.spec("glm-4.5").contextTokens()).isEqualTo(131_072);
		assertThat(changed.spec("my-glm").price()).isEqualTo(ModelPrice.of("0.1", "0.1", "0.1"));
		assertThat(changed.spec("my-glm").thinking()).isEqualTo(ThinkingControl.EFFORT);
		assertThat(changed.spec("glm-4.5-air").price()).isEqualTo(ModelPrice.of("0.20", "0.03", "1.10"));
		assertThat(table.spec("glm-4.5").maxInFlight()).isEqualTo(10);
	}

	@Test
	void refusesAPriceWithoutItsOutputPart() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> table.with(
					Map.of("my-glm", new ModelSettings(BigDecimal.ONE, null, null, null, null, null, null, null)),
					"glm.models"))
			.withMessageContaining("glm.models[my-glm]")
			.withMessageContaining("output-per-million");
	}

}
