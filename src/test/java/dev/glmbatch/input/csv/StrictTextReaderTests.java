package dev.glmbatch.input.csv;

import static dev.glmbatch.input.csv.CsvFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.glmbatch.input.InputFormatException;

class StrictTextReaderTests {

	private static final Path FILE = Path.of("in.csv");

	@Test
	void deliversAllTextBeforeInvalidBytesThenNamesTheirOffsetAndLine() {
		// given: 4,000 lines of 10 bytes, far beyond one buffer, then an invalid two-byte
		// sequence
		byte[] content = bytes("abcdefghi\n".repeat(4_000), new int[] { 0xC3, 0x28 }, "tail\n");
		Reader reader = reader(content);
		StringBuilder text = new StringBuilder();

		// when
		InputFormatException ex = catchThrowableOfType(InputFormatException.class, () -> readInto(reader, text));

		// then
		assertThat(text).hasSize(40_000);
		assertThat(ex).isNotNull();
		assertThat(ex.byteOffset()).isEqualTo(40_000);
		assertThat(ex.line()).isEqualTo(4_001);
		assertThat(ex.problem()).contains("0xC3");
	}

	@Test
	void countsACrLfSplitBetweenTwoBuffersAsOneLineBreak() {
		// given: the CR ends the first 16 KiB of text and the LF starts the next
		byte[] content = bytes("a".repeat(16 * 1024 - 1), "\r\n", "b", new int[] { 0xFF });

		// when
		InputFormatException ex = catchThrowableOfType(InputFormatException.class,
				() -> readInto(reader(content), new StringBuilder()));

		// then
		assertThat(ex).isNotNull();
		assertThat(ex.line()).isEqualTo(2);
		assertThat(ex.byteOffset()).isEqualTo(16 * 1024 + 2);
	}

	@Test
	void dropsOnlyALeadingByteOrderMark() throws IOException {
		StringBuilder text = new StringBuilder();

		readInto(reader("\uFEFFa\uFEFFb".getBytes(StandardCharsets.UTF_8)), text);

		assertThat(text.toString()).isEqualTo("a\uFEFFb");
	}

	private static Reader reader(byte[] content) {
		return new StrictTextReader(FILE, new ByteArrayInputStream(content), StandardCharsets.UTF_8);
	}

	private static void readInto(Reader reader, StringBuilder text) throws IOException {
		char[] buffer = new char[1000];
		int read;
		while ((read = reader.read(buffer, 0, buffer.length)) >= 0) {
			text.append(buffer, 0, read);
		}
	}

}
