package dev.glmbatch.input.csv;

import static dev.glmbatch.input.csv.CsvFixtures.bytes;
import static dev.glmbatch.input.csv.CsvFixtures.inspectionRefusal;
import static dev.glmbatch.input.csv.CsvFixtures.spec;
import static dev.glmbatch.input.csv.CsvFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.InputInspection;

/**
 * What inspection reports for good files and how it refuses bad ones before any row is
 * processed.
 */
class CsvInspectorTests {

	@TempDir
	Path dir;

	@Test
	void reportsChecksumSizeDelimiterHeaderAndRowCount() throws Exception {
		// given
		byte[] content = bytes("id;text\r\n1;\"a\r\nb\"\r\n\r\n2;c\r\n");
		Path file = write(dir, content);

		// when
		InputInspection inspection = InputFiles.inspect(spec(file));

		// then
		assertThat(inspection.file()).isEqualTo(file);
		assertThat(inspection.sha256()).isEqualTo(CsvFixtures.sha256(content));
		assertThat(inspection.sizeBytes()).isEqualTo(content.length).isEqualTo(Files.size(file));
		assertThat(inspection.delimiter()).isEqualTo(';');
		assertThat(inspection.header()).containsExactly("id", "text");
		assertThat(inspection.dataRows()).isEqualTo(2);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("emptyFiles")
	void refusesAnEmptyFile(String name, byte[] content) {
		Path file = write(dir, content);

		InputFormatException ex = inspectionRefusal(spec(file));

		assertThat(ex.problem()).isEqualTo("the file is empty");
	}

	static Stream<Arguments> emptyFiles() {
		return Stream.of(Arguments.of("no bytes", new byte[0]),
				Arguments.of("byte order mark only", bytes(new int[] { 0xEF, 0xBB, 0xBF })),
				Arguments.of("blank lines only", bytes("\n \r\n\t\n")),
				Arguments.of("sep line only", bytes("sep=;\n")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "id,text\n", "id,text", "id,text\n\n\n" })
	void refusesAHeaderWithoutDataRows(String content) {
		Path file = write(dir, content);

		InputFormatException ex = inspectionRefusal(spec(file));

		assertThat(ex.problem()).contains("no data rows");
	}

	@Test
	void refusesDuplicateHeaderNamesListingTheHeaders() {
		Path file = write(dir, "id,text,id\n1,a,b\n");

		InputFormatException ex = inspectionRefusal(spec(file));

		assertThat(ex.line()).isEqualTo(1);
		assertThat(ex.column()).isEqualTo("id");
		assertThat(ex.problem()).contains("more than once (columns 1, 3)")
			.contains("headers found: 'id', 'text', 'id'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "id,,text\n1,a,b\n", "id, ,text\n1,a,b\n", "id,\"\",text\n1,a,b\n" })
	void refusesBlankHeaderNamesListingTheHeaders(String content) {
		Path file = write(dir, content);

		InputFormatException ex = inspectionRefusal(spec(file));

		assertThat(ex.line()).isEqualTo(1);
		assertThat(ex.problem()).startsWith("column 2 of the header has no name")
			.contains("headers found: 'id', '")
			.endsWith("', 'text'");
	}

	@Test
	void refusesAnIdColumnThatIsNotInTheHeader() {
		Path file = write(dir, "ID,text\n1,a\n");

		InputFormatException ex = inspectionRefusal(spec(file, StandardCharsets.UTF_8, null, "id"));

		assertThat(ex.column()).isEqualTo("id");
		assertThat(ex.problem()).contains("headers found: 'ID', 'text'");
	}

	@Test
	void acceptsAnIdColumnThatIsInTheHeader() {
		Path file = write(dir, "ID,text\n1,a\n");

		assertThat(InputFiles.inspect(spec(file, StandardCharsets.UTF_8, null, "ID")).dataRows()).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unclosedQuotes")
	void refusesAQuoteThatIsNeverClosedNamingTheLineWhereTheFieldStarts(String name, String content, long line) {
		Path file = write(dir, content);

		InputFormatException ex = inspectionRefusal(spec(file));

		assertThat(ex.line()).isEqualTo(line);
		assertThat(ex.problem()).contains("closing quote is missing");
	}

	static Stream<Arguments> unclosedQuotes() {
		return Stream.of(Arguments.of("in the last row", "id,text\n1,a\n2,\"b", 3L),
				Arguments.of("swallowing later rows", "id,text\n1,a\n2,\"b\n3,c\n4,d\n", 3L), Arguments
					.of("second field of a multi-line record", "id,a,b\n1,x,y\n2,\"multi\nline\",\"open\n3,x,y\n", 4L),
				Arguments.of("after a sep line", "sep=,\nid,text\n1,\"b\n", 3L));
	}

	@Test
	void refusesARecordLongerThanTheLimitNamingItsLine() {
		// given: a quoted field that is longer than the limit by more than the parser's
		// read-ahead
		String huge = "x".repeat(CsvCursor.MAX_RECORD_CHARS + 2 * RecordLengthGuard.CHUNK + 1);
		Path file = write(dir, "id,text\n1,a\n2,\"" + huge + "\"\n3,b\n");

		// when
		InputFormatException ex = inspectionRefusal(spec(file));

		// then
		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.problem()).contains("longer than " + CsvCursor.MAX_RECORD_CHARS + " characters");
	}

	@Test
	void acceptsARecordJustWithinTheLimit() {
		String large = "x".repeat(CsvCursor.MAX_RECORD_CHARS - 10);
		Path file = write(dir, "id,text\n1,\"" + large + "\"\n2,b\n");

		assertThat(InputFiles.inspect(spec(file)).dataRows()).isEqualTo(2);
	}

	@Test
	void refusesAnUnclosedQuoteThatWouldSwallowALargeFile() {
		// given: the quote opened on line 3 would turn the next 1.9 M characters into one
		// field
		StringBuilder content = new StringBuilder("id,text\n1,a\n2,\"open\n");
		for (int i = 0; i < 200_000; i++) {
			content.append(i).append(",row\n");
		}
		Path file = write(dir, content.toString());

		// when
		InputFormatException ex = inspectionRefusal(spec(file));

		// then
		assertThat(ex.line()).isEqualTo(3);
		assertThat(ex.problem()).contains("longer than");
		assertThat(ex.hint()).contains("never closed");
	}

	@Test
	void refusesAMissingFile() {
		Path missing = dir.resolve("missing.csv");

		InputFormatException ex = inspectionRefusal(spec(missing));

		assertThat(ex.file()).isEqualTo(missing);
		assertThat(ex.problem()).isEqualTo("the file does not exist");
	}

}
