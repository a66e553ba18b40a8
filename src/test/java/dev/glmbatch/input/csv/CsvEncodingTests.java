package dev.glmbatch.input.csv;

import static dev.glmbatch.input.csv.CsvFixtures.bytes;
import static dev.glmbatch.input.csv.CsvFixtures.inspectionRefusal;
import static dev.glmbatch.input.csv.CsvFixtures.readAll;
import static dev.glmbatch.input.csv.CsvFixtures.spec;
import static dev.glmbatch.input.csv.CsvFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.input.RowReader;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.InputSpec;

/** Byte order marks, declared encodings and strict decoding. */
class CsvEncodingTests {

	private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

	@TempDir
	Path dir;

	@Test
	void stripsAUtf8ByteOrderMarkSoTheFirstHeaderMatches() throws Exception {
		Path file = write(dir, bytes(new int[] { 0xEF, 0xBB, 0xBF }, "id,text\n1,a\n"));

		InputInspection inspection = InputFiles.inspect(spec(file, StandardCharsets.UTF_8, null, "id"));
		List<SourceRow> rows = readAll(spec(file));

		assertThat(inspection.header()).containsExactly("id", "text");
		assertThat(rows.get(0).value("id")).isEqualTo("1");
	}

	@Test
	void honoursTheDeclaredEncoding() throws Exception {
		// given: café and € as windows-1252 bytes
		Path file = write(dir, bytes("id,text\n1,caf", new int[] { 0xE9 }, "\n2,", new int[] { 0x80 }, "5\n"));

		// when
		List<SourceRow> rows = readAll(spec(file, WINDOWS_1252, null, null));

		// then
		assertThat(rows).extracting(row -> row.value("text")).containsExactly("café", "€5");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidUtf8")
	void refusesBytesThatAreNotValidInTheDeclaredEncoding(String name, byte[] content, long line, long offset,
			String shown) {
		// given
		Path file = write(dir, content);

		// when
		InputFormatException ex = catchThrowableOfType(InputFormatException.class,
				() -> InputFiles.inspect(spec(file)));

		// then
		assertThat(ex).isNotNull();
		assertThat(ex.line()).isEqualTo(line);
		assertThat(ex.byteOffset()).isEqualTo(offset);
		assertThat(ex.problem()).contains(shown).contains("not valid UTF-8");
		assertThat(ex.getMessage()).contains("line " + line).contains("byte offset " + offset);
		assertThat(ex.hint()).contains("encoding");
	}

	static Stream<Arguments> invalidUtf8() {
		return Stream.of(
				Arguments.of("Latin-1 é", bytes("id,text\n1,ok\n2,caf", new int[] { 0xE9 }, "\n"), 3L, 18L, "0xE9"),
				Arguments.of("lone continuation byte", bytes("id,text\n1,", new int[] { 0x80 }, "\n"), 2L, 10L, "0x80"),
				Arguments.of("truncated sequence at the end", bytes("id,text\n1,", new int[] { 0xE2, 0x82 }), 2L, 10L,
						"0xE2"),
				Arguments.of("after a quoted line break", bytes("id,text\n1,\"a\r\nb\"\n2,", new int[] { 0xFF }, "\n"),
						4L, 19L, "0xFF"),
				Arguments.of("in the header", bytes("id,t", new int[] { 0xE9 }, "xt\n1,a\n"), 1L, 4L, "0xE9"));
	}

	@Test
	void refusesBytesWithNoCharacterInASingleByteEncoding() {
		// 0x81 is undefined in windows-1252
		Path file = write(dir, bytes("id,text\n1,", new int[] { 0x81 }, "\n"));

		InputFormatException ex = inspectionRefusal(spec(file, WINDOWS_1252, null, null));

		assertThat(ex.line()).isEqualTo(2);
		assertThat(ex.byteOffset()).isEqualTo(10);
		assertThat(ex.problem()).contains("0x81");
	}

	@Test
	void readerAloneAlsoStopsAtInvalidBytesAfterDeliveringTheRowsBefore() throws Exception {
		// given: an inspection that matches the bytes but was made up, as if inspection
		// had been skipped
		byte[] content = bytes("id,text\n1,a\n2,b\n3,caf", new int[] { 0xE9 }, "\n4,d\n");
		Path file = write(dir, content);
		InputSpec spec = spec(file);
		InputInspection inspection = new InputInspection(file, CsvFixtures.sha256(content), content.length, ',',
				List.of("id", "text"), 4);
		RowReader reader = InputFiles.openReader(spec, inspection);
		reader.open();

		// when
		List<SourceRow> rows = new ArrayList<>();
		InputFormatException ex = catchThrowableOfType(InputFormatException.class, () -> {
			SourceRow row;
			while ((row = reader.read()) != null) {
				rows.add(row);
			}
		});
		reader.close();

		// then
		assertThat(rows).extracting(row -> row.value("text")).containsExactly("a", "b");
		assertThat(ex).isNotNull();
		assertThat(ex.line()).isEqualTo(4);
		assertThat(ex.byteOffset()).isEqualTo(21);
	}

	@Test
	void decodesMultiByteCharactersThatStraddleBufferBoundaries() throws Exception {
		// given: 3-byte characters over several 16 KiB buffers, so some are split between
		// two reads
		String euros = "€".repeat(20_000);
		Path file = write(dir, "id,text\n1," + euros + "\n2,\"" + euros + "\"\n");

		// when
		List<SourceRow> rows = readAll(spec(file));

		// then
		assertThat(rows).extracting(row -> row.value("text")).containsExactly(euros, euros);
		assertThat(Files.size(file)).isGreaterThan(100_000);
	}

}
