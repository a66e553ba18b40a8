package dev.glmbatch.input.csv;

import static dev.glmbatch.input.csv.CsvFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.input.RowReader;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.InputSpec;

/**
 * A generated file of 200,000 rows streams through inspection and the reader with exact
 * counts.
 */
class CsvLargeFileTests {

	private static final int ROWS = 200_000;

	private static final int MULTI_LINE_EVERY = 1_000;

	@TempDir
	Path dir;

	@Test
	void streamsTwoHundredThousandRowsThroughInspectionAndReader() throws Exception {
		// given
		Path file = dir.resolve("large.csv");
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("id,text\r\n");
			for (int i = 1; i <= ROWS; i++) {
				String text = (i % MULTI_LINE_EVERY == 0) ? "\"row " + i + "\nsecond line\"" : "row " + i;
				out.write("0" + i + "," + text + "\r\n");
			}
		}
		InputSpec spec = spec(file);

		// when
		InputInspection inspection = InputFiles.inspect(spec);
		RowReader reader = InputFiles.openReader(spec, inspection);
		reader.open();
		long count = 0;
		SourceRow last = null;
		SourceRow row;
		while ((row = reader.read()) != null) {
			count++;
			last = row;
		}
		reader.close();

		// then
		assertThat(inspection.dataRows()).isEqualTo(ROWS);
		assertThat(count).isEqualTo(ROWS);
		assertThat(last).isNotNull();
		assertThat(last.rowNumber()).isEqualTo(ROWS);
		assertThat(last.value("id")).isEqualTo("0" + ROWS);
		// header line, one line per row, and one more per multi-line row before the last
		// one
		assertThat(last.line()).isEqualTo(1 + ROWS + (ROWS / MULTI_LINE_EVERY - 1));
	}

}
