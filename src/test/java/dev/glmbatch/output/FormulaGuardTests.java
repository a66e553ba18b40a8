package dev.glmbatch.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.glmbatch.output.csv.CsvTableWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The formula guard leaves numbers alone and guards what a spreadsheet would evaluate, in
 * values and header cells alike.
 */
class FormulaGuardTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "-5", "+5", "-2.5E-4", "+1.5e+10", "+33 612 345 678", "-$12.34", "-12,50 €", "-", "+",
			"-(555) 123-4567", "-50%", "+44 (0)20 7946 0958", "-1/2", "-1\u00A0000" })
	void numbersAndLoneSignsAreLeftAlone(String value) {
		assertThat(FormulaGuard.isRisky(value)).isFalse();
		assertThat(FormulaGuard.quote(value)).isEqualTo(value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "=1+2", "=HYPERLINK(\"http://evil.example\")", "@SUM(A1)", "\tTAB", "\rCR", "\0NUL",
			"-2+3+cmd|' /C calc'!A0", "+A1", "-A1", "- # Weekly sync", "-SUM(A1:A2)", "+1:2", "-1E", "-E5", "-5\n=1+2",
			"-5\t", "--", "-.", "+cmd|'/C calc'!A0", "-2.5E-4x", "-1 000 EUR" })
	void whatASpreadsheetWouldEvaluateIsGuarded(String value) {
		assertThat(FormulaGuard.isRisky(value)).isTrue();
		assertThat(FormulaGuard.quote(value)).isEqualTo("'" + value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "plain", "5", "12.5", "Lamp - blue", "a=b", "x@example.com", "'already quoted" })
	void valuesThatDoNotStartLikeAFormulaAreLeftAlone(String value) {
		assertThat(FormulaGuard.isRisky(value)).isFalse();
	}

	@Test
	void csvHeaderCellsAreGuardedLikeValues() throws IOException {
		Path file = dir.resolve("out.csv");
		try (CsvTableWriter writer = CsvTableWriter.open(file,
				List.of("id", "=HYPERLINK(\"http://evil.example\")", "-5"), true)) {
			writer.writeRow(List.of("-5", "=1+2", "- # Weekly sync"));
			writer.publish();
		}

		assertThat(Files.readString(file, StandardCharsets.UTF_8))
			.isEqualTo("id,\"'=HYPERLINK(\"\"http://evil.example\"\")\",-5\r\n-5,'=1+2,'- # Weekly sync\r\n");
	}

	@Test
	void csvWithoutTheGuardWritesHeaderAndValuesAsTheyAre() throws IOException {
		Path file = dir.resolve("out.csv");
		try (CsvTableWriter writer = CsvTableWriter.open(file, List.of("id", "=1+2"), false)) {
			writer.writeRow(List.of("1", "=3+4"));
			writer.publish();
		}

		assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("id,=1+2\r\n1,=3+4\r\n");
	}

}
