package dev.glmbatch.task;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TranslationCheckTests {

	private final TranslationCheck check = new TranslationCheck(List.of("USB-C"));

	@ParameterizedTest(name = "[{index}] {0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			Good morning                         | Bonjour
			Connects {count} devices             | Connecte {count} appareils
			Charges in %s minutes                | Se recharge en %s minutes
			Value: %1$s                          | Valeur : %1$s
			<b>Cold</b> for 24 hours             | <b>Froid</b> pendant 24 heures
			Weighs 1,000 g                       | Pèse 1 000 g
			Strength +1.5                        | Force +1,5
			USB-C                                | USB-C
			12345                                | 12345
			Hello {{name}}                       | Bonjour {{name}}
			""")
	void acceptsFaithfulTranslations(String source, String translation) {
		assertThat(check.problem(source, translation)).isEmpty();
	}

	@ParameterizedTest(name = "[{index}] {0} -> {1}: {2}")
	@CsvSource(delimiter = '|', textBlock = """
			Good morning                 | '   '                     | empty
			Good morning                 | good  MORNING             | repeats the source
			Connects {count} devices     | Connecte des appareils    | placeholders lost: {count}
			Charges in %s minutes        | Se recharge en minutes    | placeholders lost: %s
			<b>Cold</b> for 24 hours     | Froid pendant 24 heures   | placeholders lost: <b> </b>
			Holds 350 ml                 | Contient 35 ml            | numbers lost: 350
			Pack of 3 pairs, sizes 39-42 | Lot de 3 paires, 39-41    | numbers lost: 42
			""")
	void rejectsUnfaithfulTranslations(String source, String translation, String expected) {
		assertThat(check.problem(source, translation))
			.hasValueSatisfying(problem -> assertThat(problem).contains(expected));
	}

}
