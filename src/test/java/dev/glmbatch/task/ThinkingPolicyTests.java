package dev.glmbatch.task;

import dev.glmbatch.jobdef.ThinkingMode;
import dev.glmbatch.llm.Thinking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ThinkingPolicyTests {

	@ParameterizedTest
	@CsvSource({ "glm-4.5-air, true", "glm-4.6, true", "glm-z1-air, false", "GLM-Z1-FLASH, false",
			"glm-4.1v-thinking-flash, false" })
	void knowsWhichModelsAcceptDisabledThinking(String model, boolean accepts) {
		ThinkingPolicy policy = new ThinkingPolicy(ThinkingMode.DISABLED, model);

		assertThat(policy.initial(TaskKind.TRANSLATE, ItemProfile.of("short")).isEnabled()).isNotEqualTo(accepts);
		assertThat(new ThinkingPolicy(ThinkingMode.AUTO, model).escalates(Thinking.DISABLED)).isEqualTo(accepts);
	}

	@Test
	void anEffortModelKeepsDisabledForTheClientToSendAsLowEffort() {
		ThinkingPolicy policy = new ThinkingPolicy(ThinkingMode.DISABLED, "glm-5.3");

		assertThat(policy.initial(TaskKind.TRANSLATE, ItemProfile.of("short"))).isEqualTo(Thinking.DISABLED);
	}

	@Test
	void sendsEnabledToAModelThatRejectsDisabled() {
		ThinkingPolicy policy = new ThinkingPolicy(ThinkingMode.DISABLED, "glm-z1-air");

		assertThat(policy.initial(TaskKind.CLASSIFY, ItemProfile.of("short"))).isEqualTo(Thinking.ENABLED);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			CLASSIFY  | Refund please                                    | DISABLED
			CLASSIFY  | Paid 20 EUR, 3 kg parcel, 15% off                | ENABLED
			CLASSIFY  | 1. open the app\\n2. then press reset             | ENABLED
			GENERATE  | Write a teaser                                   | DISABLED
			SUMMARISE | A short note                                     | DISABLED
			""")
	void autoDecidesPerItem(TaskKind kind, String text, Thinking expected) {
		ThinkingPolicy policy = new ThinkingPolicy(ThinkingMode.AUTO, "glm-4.5-air");

		assertThat(policy.initial(kind, ItemProfile.of(text.replace("\\n", "\n")))).isEqualTo(expected);
	}

	@Test
	void onlyAutoEscalatesAndOnlyFromThinkingOff() {
		assertThat(new ThinkingPolicy(ThinkingMode.AUTO, "glm-4.5").escalates(Thinking.DISABLED)).isTrue();
		assertThat(new ThinkingPolicy(ThinkingMode.AUTO, "glm-4.5").escalates(Thinking.ENABLED)).isFalse();
		assertThat(new ThinkingPolicy(ThinkingMode.DISABLED, "glm-4.5").escalates(Thinking.DISABLED)).isFalse();
	}

	@Test
	void aLongDocumentIsSplitWithoutLosingText() {
		String text = ("word ".repeat(300) + "\n\n").repeat(5) + "x".repeat(5000);

		var sections = Sections.split(text, 200);

		assertThat(sections).allSatisfy(section -> assertThat(Tokens.estimate(section)).isLessThanOrEqualTo(200));
		assertThat(String.join("", sections).replaceAll("\\s", "")).isEqualTo(text.replaceAll("\\s", ""));
	}

}
