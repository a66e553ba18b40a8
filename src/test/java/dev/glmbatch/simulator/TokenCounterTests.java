package dev.glmbatch.simulator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TokenCounterTests {

	@ParameterizedTest(name = "\"{0}\" = {1}")
	@CsvSource(delimiter = '|', value = { "''|0", "a|1", "abcd|1", "abcde|2", "Good morning, world|5", "你好世界|3",
			"你好世|2", "日本語のテキスト|6", "Привет|3" })
	void estimatesFourLatinOrOneAndAHalfCjkCharactersPerToken(String text, int tokens) {
		assertThat(TokenCounter.count(text)).isEqualTo(tokens);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Hello {name}, you have %d <b>new</b> messages.", "混合 text 和中文 😀 emoji",
			"line one\nline two\r\n" })
	void splitsIntoAsManyPiecesAsTokensWithoutLosingCharacters(String text) {
		assertThat(TokenCounter.split(text)).hasSize(TokenCounter.count(text));
		assertThat(String.join("", TokenCounter.split(text))).isEqualTo(text);
	}

}
