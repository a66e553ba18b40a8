package dev.glmbatch.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputInspectionTests {

	private static final String SHA = "ab".repeat(32);

	@Test
	void copiesTheHeader() {
		List<String> header = new ArrayList<>(List.of("id", "text"));

		InputInspection inspection = new InputInspection(Path.of("in.csv"), SHA, 10, ',', header, 1);
		header.add("extra");

		assertThat(inspection.header()).containsExactly("id", "text");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB",
			"zzabababababababababababababababababababababababababababababababab" })
	void refusesAChecksumThatIsNotSha256Hex(String sha256) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new InputInspection(Path.of("in.csv"), sha256, 10, ',', List.of("id"), 1));
	}

	@Test
	void refusesAnEmptyHeader() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new InputInspection(Path.of("in.csv"), SHA, 10, ',', List.of(), 1));
	}

}
