package dev.glmbatch.input.csv;

import static dev.glmbatch.input.csv.CsvFixtures.spec;
import static dev.glmbatch.input.csv.CsvFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.input.RowReader;
import dev.glmbatch.jobdef.InputSpec;

/** The reader refuses a file that is no longer the one inspected; its life cycle. */
class CsvRowReaderTests {

	private static final String CONTENT = "id,text\n1,a\n\n2,\"multi\nline\"\n3,c\n4,d\n  \n5,e,extra\n6,f\n7,g";

	@TempDir
	Path dir;

	@Test
	void refusesAFileOfAnotherSizeThanInspected() throws Exception {
		Path file = write(dir, CONTENT);
		InputSpec spec = spec(file);
		InputInspection inspection = InputFiles.inspect(spec);
		Files.writeString(file, CONTENT + "\n8,h\n", StandardCharsets.UTF_8);
		RowReader reader = InputFiles.openReader(spec, inspection);

		assertThatThrownBy(() -> reader.open()).isInstanceOfSatisfying(InputFormatException.class,
				ex -> assertThat(ex.problem()).contains("changed while the run was using it").contains("size"));
	}

	@Test
	void refusesAtTheEndAFileWhoseBytesChangedButNotItsSize() throws Exception {
		// given
		Path file = write(dir, CONTENT);
		InputSpec spec = spec(file);
		InputInspection inspection = InputFiles.inspect(spec);
		Files.writeString(file, CONTENT.replace("7,g", "7,G"), StandardCharsets.UTF_8);
		RowReader reader = InputFiles.openReader(spec, inspection);
		reader.open();

		// when / then
		assertThatThrownBy(() -> {
			while (reader.read() != null) {
				// read to the end
			}
		}).isInstanceOfSatisfying(InputFormatException.class,
				ex -> assertThat(ex.problem()).contains("changed while the run was using it").contains("checksum"));
		reader.close();
	}

	@Test
	void keepsReturningNullAfterTheEnd() throws Exception {
		Path file = write(dir, CONTENT);
		RowReader reader = InputFiles.openReader(spec(file), InputFiles.inspect(spec(file)));
		reader.open();
		while (reader.read() != null) {
			// read to the end
		}

		assertThat(reader.read()).isNull();
		reader.close();
	}

	@Test
	void refusesAnInspectionOfAnotherFile() {
		Path file = write(dir, CONTENT);
		Path other = write(dir, CONTENT);
		InputInspection inspection = InputFiles.inspect(spec(other));

		assertThatThrownBy(() -> InputFiles.openReader(spec(file), inspection))
			.isInstanceOf(IllegalArgumentException.class);
	}

}
