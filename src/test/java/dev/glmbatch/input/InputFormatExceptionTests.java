package dev.glmbatch.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InputFormatExceptionTests {

	@ParameterizedTest
	@MethodSource("locations")
	void messageNamesFileLocationProblemAndHint(long line, @Nullable String column, long byteOffset, String expected) {
		InputFormatException ex = new InputFormatException(Path.of("in.csv"), line, column, byteOffset,
				"something is wrong", "Fix it");

		assertThat(ex.getMessage()).isEqualTo(expected);
	}

	static Stream<Arguments> locations() {
		return Stream.of(
				Arguments.of(7L, "text", 42L,
						"in.csv: line 7, column 'text', byte offset 42: something is wrong. Fix it."),
				Arguments.of(7L, null, -1L, "in.csv: line 7: something is wrong. Fix it."),
				Arguments.of(0L, "id", -1L, "in.csv: column 'id': something is wrong. Fix it."),
				Arguments.of(0L, null, 0L, "in.csv: byte offset 0: something is wrong. Fix it."),
				Arguments.of(0L, null, -1L, "in.csv: something is wrong. Fix it."));
	}

}
