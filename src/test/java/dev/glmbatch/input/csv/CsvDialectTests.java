package dev.glmbatch.input.csv;

import static dev.glmbatch.input.csv.CsvFixtures.inspectionRefusal;
import static dev.glmbatch.input.csv.CsvFixtures.readAll;
import static dev.glmbatch.input.csv.CsvFixtures.spec;
import static dev.glmbatch.input.csv.CsvFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.input.SourceRow;

/**
 * The CSV dialect: quoting, line endings, comments, blank lines, exact values, ragged
 * rows and delimiters.
 */
class CsvDialectTests {

	@TempDir
	Path dir;

	@Nested
	class Quoting {

		@Test
		void quotedFieldsKeepLineBreaksDoubledQuotesAndDelimiters() throws Exception {
			// given
			Path file = write(dir, "id,text\r\n" + "1,\"a,b\"\r\n" + "2,\"line1\nline2\"\r\n"
					+ "3,\"line1\r\nline2\"\r\n" + "4,\"say \"\"hi\"\"\"\r\n" + "5,\"\"\r\n");

			// when
			List<SourceRow> rows = readAll(spec(file));

			// then
			assertThat(rows).extracting(SourceRow::rowNumber, SourceRow::line, row -> row.value("text"))
				.containsExactly(tuple(1L, 2L, "a,b"), tuple(2L, 3L, "line1\nline2"), tuple(3L, 5L, "line1\r\nline2"),
						tuple(4L, 7L, "say \"hi\""), tuple(5L, 8L, ""));
			assertThat(rows).allMatch(SourceRow::isValid);
		}

		@Test
		void quoteInsideAnUnquotedFieldIsKeptLiterally() throws Exception {
			Path file = write(dir, "id,text\n1,ab\"c\n2,5\" pipe\n");

			assertThat(readAll(spec(file))).extracting(row -> row.value("text")).containsExactly("ab\"c", "5\" pipe");
		}

		@Test
		void textAfterAClosingQuoteIsRefusedWithItsLine() {
			Path file = write(dir, "id,text\n1,ok\n2,\"abc\"x\n3,ok\n");

			InputFormatException ex = inspectionRefusal(spec(file));

			assertThat(ex.line()).isEqualTo(3);
			assertThat(ex.problem()).contains("text follows the closing quote");
		}

	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("lineEndings")
	void everyLineEndingGivesTheSameRecordsAndLines(String name, List<String> endings) throws Exception {
		// given: the same content with different record separators; the break inside
		// quotes is always LF
		List<String> lines = List.of("id,text", "1,plain", "2,\"multi\nline\"", "3,\"comma, inside\"", "4,last");
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < lines.size(); i++) {
			text.append(lines.get(i)).append(endings.get(i % endings.size()));
		}
		Path file = write(dir, text.toString());

		// when
		List<SourceRow> rows = readAll(spec(file));

		// then
		assertThat(rows).extracting(SourceRow::rowNumber, SourceRow::line, row -> row.value("text"))
			.containsExactly(tuple(1L, 2L, "plain"), tuple(2L, 3L, "multi\nline"), tuple(3L, 5L, "comma, inside"),
					tuple(4L, 6L, "last"));
	}

	static Stream<Arguments> lineEndings() {
		return Stream.of(Arguments.of("CRLF", List.of("\r\n")), Arguments.of("LF", List.of("\n")),
				Arguments.of("CR", List.of("\r")), Arguments.of("mixed", List.of("\r\n", "\n", "\r")),
				Arguments.of("mixed, CR first", List.of("\r", "\r\n", "\n")));
	}

	@Test
	void linesStartingWithHashAreData() throws Exception {
		Path file = write(dir, "id,text\n#1,# not a comment\n#,x\n");

		List<SourceRow> rows = readAll(spec(file));

		assertThat(rows).extracting(SourceRow::columns)
			.containsExactly(Map.of("id", "#1", "text", "# not a comment"), Map.of("id", "#", "text", "x"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "id,text\n1,a\n2,b\n", "id,text\n1,a\n2,b", "id,text\n\n1,a\n\n\n2,b\n\n",
			"id,text\n1,a\n   \n\t\n2,b\n  ", "\n\nid,text\n1,a\n2,b\n", "id,text\r\n\r\n1,a\r\n2,b\r\n\r\n",
			"id,text\r1,a\r\r2,b\r", "id,text\n1,a\n\"\"\n\" \"\n2,b\n" })
	void blankLinesAndAMissingFinalNewlineAreNotRows(String content) throws Exception {
		// given
		Path file = write(dir, content);

		// when
		InputInspection inspection = InputFiles.inspect(spec(file));
		List<SourceRow> rows = readAll(spec(file));

		// then
		assertThat(inspection.dataRows()).isEqualTo(2);
		assertThat(rows).extracting(SourceRow::rowNumber, SourceRow::columns)
			.containsExactly(tuple(1L, Map.of("id", "1", "text", "a")), tuple(2L, Map.of("id", "2", "text", "b")));
	}

	@Test
	void rowNumbersSkipBlankLinesButLinesAreAlwaysPhysical() throws Exception {
		Path file = write(dir, "\nid,text\n\n1,a\n  \n2,b");

		assertThat(readAll(spec(file))).extracting(SourceRow::rowNumber, SourceRow::line)
			.containsExactly(tuple(1L, 4L), tuple(2L, 6L));
	}

	@Test
	void valuesAreKeptExactlyAsText() throws Exception {
		// given
		Path file = write(dir, "id,code,amount,note,empty\n007,00123,12345678901234567890, padded ,\n"
				+ "0000000000000000001,1.23E+15,-0, \" quoted \",\"\"\n");

		// when
		List<SourceRow> rows = readAll(spec(file));

		// then
		assertThat(rows.get(0).columns()).containsExactly(Map.entry("id", "007"), Map.entry("code", "00123"),
				Map.entry("amount", "12345678901234567890"), Map.entry("note", " padded "), Map.entry("empty", ""));
		assertThat(rows.get(1).columns()).containsEntry("id", "0000000000000000001")
			.containsEntry("code", "1.23E+15")
			.containsEntry("note", " \" quoted \"")
			.containsEntry("empty", "");
	}

	@Test
	void raggedRowsAreRejectedRowsNotErrorsAndAreCounted() throws Exception {
		// given
		Path file = write(dir, "id,name,text\n1,a,x\n2,b\n3,c,x,extra\n4,d,y\n");

		// when
		InputInspection inspection = InputFiles.inspect(spec(file));
		List<SourceRow> rows = readAll(spec(file));

		// then
		assertThat(inspection.dataRows()).isEqualTo(4);
		assertThat(rows).extracting(SourceRow::rowNumber, SourceRow::line, SourceRow::isValid)
			.containsExactly(tuple(1L, 2L, true), tuple(2L, 3L, false), tuple(3L, 4L, false), tuple(4L, 5L, true));
		assertThat(rows.get(1).columns()).containsExactly(Map.entry("id", "2"), Map.entry("name", "b"));
		assertThat(rows.get(1).error()).startsWith("line 3 has 2 fields but the header has 3");
		assertThat(rows.get(2).columns()).containsExactly(Map.entry("id", "3"), Map.entry("name", "c"),
				Map.entry("text", "x"));
		assertThat(rows.get(2).error()).startsWith("line 4 has 4 fields but the header has 3")
			.contains("quote values that contain the delimiter ','");
	}

	@Nested
	class Delimiters {

		@ParameterizedTest
		@ValueSource(chars = { ',', ';', '\t', '|' })
		void detectsTheDelimiterFromTheHeaderLine(char delimiter) throws Exception {
			// given
			String d = String.valueOf(delimiter);
			Path file = write(dir, String.join(d, "id", "name", "text") + "\n" + String.join(d, "1", "a", "x") + "\n");

			// when
			InputInspection inspection = InputFiles.inspect(spec(file));
			List<SourceRow> rows = readAll(spec(file));

			// then
			assertThat(inspection.delimiter()).isEqualTo(delimiter);
			assertThat(inspection.header()).containsExactly("id", "name", "text");
			assertThat(rows).extracting(SourceRow::columns)
				.containsExactly(Map.of("id", "1", "name", "a", "text", "x"));
		}

		@Test
		void choosesTheMostFrequentCandidateOutsideQuotes() {
			Path mostFrequent = write(dir, "a;b;c,d\n1;2;3,4\n");
			Path quoted = write(dir, "\"a;b;c\",d\n1,2\n");

			assertThat(InputFiles.inspect(spec(mostFrequent)).header()).containsExactly("a", "b", "c,d");
			assertThat(InputFiles.inspect(spec(quoted)).header()).containsExactly("a;b;c", "d");
		}

		@ParameterizedTest
		@ValueSource(strings = { "a;b,c\n1;2,3\n", "text\nhello; world\n" })
		void choosesCommaWhenDetectionIsAmbiguousOrFindsNothing(String content) {
			Path file = write(dir, content);

			assertThat(InputFiles.inspect(spec(file)).delimiter()).isEqualTo(',');
		}

		@ParameterizedTest
		@ValueSource(strings = { "\n", "\r\n", "\r" })
		void honoursAndSkipsAnExcelSepLine(String eol) throws Exception {
			// given: the header has more commas than semicolons, but the file declares
			// ';'
			Path file = write(dir, "sep=;" + eol + "id;text,with,commas" + eol + "1;a,b,c" + eol);

			// when
			InputInspection inspection = InputFiles.inspect(spec(file));
			List<SourceRow> rows = readAll(spec(file));

			// then
			assertThat(inspection.delimiter()).isEqualTo(';');
			assertThat(inspection.header()).containsExactly("id", "text,with,commas");
			assertThat(rows).extracting(SourceRow::rowNumber, SourceRow::line, row -> row.value("text,with,commas"))
				.containsExactly(tuple(1L, 3L, "a,b,c"));
		}

		@Test
		void explicitDelimiterWinsOverDetection() throws Exception {
			Path file = write(dir, "a;b;c,d\n1;2;3,4\n");

			List<SourceRow> rows = readAll(spec(file, StandardCharsets.UTF_8, ',', null));

			assertThat(rows).extracting(SourceRow::columns).containsExactly(Map.of("a;b;c", "1;2;3", "d", "4"));
		}

		@Test
		void refusesAnExplicitDelimiterThatContradictsTheSepLine() {
			Path file = write(dir, "sep=;\nid;text\n1;a\n");

			InputFormatException ex = inspectionRefusal(spec(file, StandardCharsets.UTF_8, ',', null));

			assertThat(ex.line()).isEqualTo(1);
			assertThat(ex.problem()).contains("sep=").contains("';'").contains("','");
		}

	}

}
