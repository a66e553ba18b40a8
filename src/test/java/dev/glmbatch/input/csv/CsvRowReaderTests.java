package dev.glmbatch.input.csv;

import static dev.glmbatch.input.csv.CsvFixtures.readAll;
import static dev.glmbatch.input.csv.CsvFixtures.spec;
import static dev.glmbatch.input.csv.CsvFixtures.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.input.RestartableRowReader;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.InputSpec;

/** Restart state, checksum guard and reader life cycle. */
class CsvRowReaderTests {

	private static final String CONTENT = "id,text\n1,a\n\n2,\"multi\nline\"\n3,c\n4,d\n  \n5,e,extra\n6,f\n7,g";

	@TempDir
	Path dir;

	@Test
	void restartContinuesAfterTheSavedRowWithExactTotals() throws Exception {
		// given: a first run that read three rows and checkpointed
		Path file = write(dir, CONTENT);
		InputSpec spec = spec(file);
		InputInspection inspection = InputFiles.inspect(spec);
		ExecutionContext context = new ExecutionContext();
		RestartableRowReader first = InputFiles.openReader(spec, inspection);
		first.open(context);
		List<SourceRow> firstRun = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			firstRun.add(first.read());
		}
		first.update(context);
		first.close();

		// when: a new reader is opened with the saved context
		List<SourceRow> secondRun = readAll(spec, InputFiles.inspect(spec), context);

		// then
		assertThat(context.getInt("csvReader.read.count")).isEqualTo(7);
		assertThat(firstRun).extracting(SourceRow::rowNumber).containsExactly(1L, 2L, 3L);
		assertThat(secondRun).extracting(SourceRow::rowNumber).containsExactly(4L, 5L, 6L, 7L);
		assertThat(secondRun.get(0).line()).isEqualTo(7);
		assertThat(secondRun.get(0).value("text")).isEqualTo("d");
		List<SourceRow> both = new ArrayList<>(firstRun);
		both.addAll(secondRun);
		assertThat(both).isEqualTo(readAll(spec)).hasSize((int) inspection.dataRows());
	}

	@Test
	void savesItsStateUnderNamespacedKeys() throws Exception {
		Path file = write(dir, CONTENT);
		ExecutionContext context = new ExecutionContext();
		RestartableRowReader reader = InputFiles.openReader(spec(file), InputFiles.inspect(spec(file)));

		reader.open(context);
		reader.read();
		reader.read();
		reader.update(context);
		reader.close();

		assertThat(context.getInt("csvReader.read.count")).isEqualTo(2);
		assertThat(context.getString("csvReader.input.sha256"))
			.isEqualTo(CsvFixtures.sha256(Files.readAllBytes(file)));
	}

	@Test
	void refusesToRestartWhenTheFileChangedSinceTheRunStarted() throws Exception {
		// given: a run that checkpointed, then an edited file
		Path file = write(dir, CONTENT);
		InputSpec spec = spec(file);
		ExecutionContext context = new ExecutionContext();
		RestartableRowReader first = InputFiles.openReader(spec, InputFiles.inspect(spec));
		first.open(context);
		first.read();
		first.update(context);
		first.close();
		Files.writeString(file, CONTENT.replace("3,c", "3,C"), StandardCharsets.UTF_8);

		// when
		RestartableRowReader restarted = InputFiles.openReader(spec, InputFiles.inspect(spec));

		// then
		assertThatThrownBy(() -> restarted.open(context)).isInstanceOfSatisfying(InputFormatException.class, ex -> {
			assertThat(ex.problem()).startsWith("the input file changed since the run started (checksum ");
			assertThat(ex.hint()).isEqualTo("Run with --new to start over, or restore the original file");
		});
	}

	@Test
	void refusesAFileOfAnotherSizeThanInspected() throws Exception {
		Path file = write(dir, CONTENT);
		InputSpec spec = spec(file);
		InputInspection inspection = InputFiles.inspect(spec);
		Files.writeString(file, CONTENT + "\n8,h\n", StandardCharsets.UTF_8);
		RestartableRowReader reader = InputFiles.openReader(spec, inspection);

		assertThatThrownBy(() -> reader.open(new ExecutionContext()))
			.isInstanceOfSatisfying(InputFormatException.class,
					ex -> assertThat(ex.problem()).contains("changed while the run was using it").contains("size"));
	}

	@Test
	void refusesAtTheEndAFileWhoseBytesChangedButNotItsSize() throws Exception {
		// given
		Path file = write(dir, CONTENT);
		InputSpec spec = spec(file);
		InputInspection inspection = InputFiles.inspect(spec);
		Files.writeString(file, CONTENT.replace("7,g", "7,G"), StandardCharsets.UTF_8);
		RestartableRowReader reader = InputFiles.openReader(spec, inspection);
		reader.open(new ExecutionContext());

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
	void refusesASavedPositionBeyondTheEnd() throws Exception {
		Path file = write(dir, CONTENT);
		InputSpec spec = spec(file);
		InputInspection inspection = InputFiles.inspect(spec);
		ExecutionContext context = new ExecutionContext();
		context.putInt("csvReader.read.count", 50);
		context.putString("csvReader.input.sha256", inspection.sha256());
		RestartableRowReader reader = InputFiles.openReader(spec, inspection);

		assertThatThrownBy(() -> reader.open(context)).isInstanceOfSatisfying(InputFormatException.class,
				ex -> assertThat(ex.problem()).contains("beyond the end of the input (7 data rows)"));
	}

	@Test
	void keepsReturningNullAfterTheEnd() throws Exception {
		Path file = write(dir, CONTENT);
		RestartableRowReader reader = InputFiles.openReader(spec(file), InputFiles.inspect(spec(file)));
		reader.open(new ExecutionContext());
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
