package dev.glmbatch.llm.glm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerTextTests {

	@ParameterizedTest(name = "[{index}] {0}")
	@CsvSource(delimiter = '|', textBlock = """
			```json\\n{"a":1}\\n```               | {"a":1}
			```\\n{"a":1}\\n```                   | {"a":1}
			\\n\\n```JSON\\n{"a":1}\\n```\\n      | {"a":1}
			```json\\n[1,\\n 2]\\n```             | [1,\\n 2]
			{"a":"```x```"}                       | {"a":"```x```"}
			{"a":1}                               | {"a":1}
			Here: ```json\\n{"a":1}\\n```         | Here: ```json\\n{"a":1}\\n```
			```json {"a":1}```                    | ```json {"a":1}```
			""")
	void stripsOnlyAFenceThatWrapsTheWholeAnswer(String raw, String expected) {
		assertThat(AnswerText.stripFences(unescape(raw))).isEqualTo(unescape(expected));
	}

	@Test
	void trimsContentAndLeavesFencesWhenJsonWasNotAsked() {
		AnswerText text = AnswerText.clean("\n\n```json\n{}\n```\n", null, false, false);

		assertThat(text.content()).isEqualTo("```json\n{}\n```");
		assertThat(text.reasoning()).isNull();
	}

	@Test
	void unwrapsFencedJsonWhenJsonWasAsked() {
		AnswerText text = AnswerText.clean("\n```json\n{\"label\":\"spam\"}\n```", "thought", true, false);

		assertThat(text.content()).isEqualTo("{\"label\":\"spam\"}");
		assertThat(text.reasoning()).isEqualTo("thought");
	}

	@Test
	void movesLeadingThinkBlockToReasoning() {
		AnswerText text = AnswerText.clean("\n<think>\nThe user wants German.\n</think>\n\nGuten Morgen", null, false,
				false);

		assertThat(text.content()).isEqualTo("Guten Morgen");
		assertThat(text.reasoning()).isEqualTo("The user wants German.");
	}

	@Test
	void keepsReasoningFieldButStillStripsThinkBlock() {
		AnswerText text = AnswerText.clean("<think>inline</think>Hallo", "from the field", false, false);

		assertThat(text.content()).isEqualTo("Hallo");
		assertThat(text.reasoning()).isEqualTo("from the field");
	}

	@Test
	void treatsUnclosedThinkBlockAsReasoningOnly() {
		AnswerText text = AnswerText.clean("<think>still thinking when the budget ran out", null, false, false);

		assertThat(text.content()).isEmpty();
		assertThat(text.reasoning()).isEqualTo("still thinking when the budget ran out");
	}

	@Test
	void emptyThinkBlockGivesNoReasoning() {
		AnswerText text = AnswerText.clean("<think></think>\nBonjour", null, false, false);

		assertThat(text.content()).isEqualTo("Bonjour");
		assertThat(text.reasoning()).isNull();
	}

	@Test
	void leavesThinkTagsThatDoNotStartTheAnswer() {
		AnswerText text = AnswerText.clean("Translate <think> literally", null, false, false);

		assertThat(text.content()).isEqualTo("Translate <think> literally");
	}

	@Test
	void usesReasoningAsAnswerWhenTheServerFiledTheAnswerThere() {
		AnswerText text = AnswerText.clean("", "```json\n{\"ok\":true}\n```", true, true);

		assertThat(text.content()).isEqualTo("{\"ok\":true}");
		assertThat(text.reasoning()).isNull();
	}

	@Test
	void keepsEmptyAnswerWhenReasoningMayNotHoldIt() {
		AnswerText text = AnswerText.clean(null, "long reasoning", false, false);

		assertThat(text.content()).isEmpty();
		assertThat(text.reasoning()).isEqualTo("long reasoning");
	}

	@Test
	void treatsBlankReasoningAsNone() {
		assertThat(AnswerText.clean("Hi", "  \n", false, true).reasoning()).isNull();
	}

	@Test
	void replacesNulAndUnpairedSurrogatesSoThatEveryDatabaseCanStoreTheAnswer() {
		AnswerText text = AnswerText.clean("a\u0000b \uD83D\uDE00 c\uD800 d\uDC00", "why\u0000", false, false);

		assertThat(text.content()).isEqualTo("a\uFFFDb \uD83D\uDE00 c\uFFFD d\uFFFD");
		assertThat(text.reasoning()).isEqualTo("why\uFFFD");
	}

	@Test
	void leavesCleanTextTheSameInstance() {
		String clean = "Grüße 😀 日本";

		assertThat(AnswerText.storable(clean)).isSameAs(clean);
	}

	private static String unescape(String text) {
		return text.replace("\\n", "\n");
	}

}
