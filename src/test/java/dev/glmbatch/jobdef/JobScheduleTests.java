package dev.glmbatch.jobdef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import dev.glmbatch.testsupport.JobYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The service's keys of a job file: {@code schedule}, {@code input.pattern},
 * {@code input.processed}, {input}.
 */
class JobScheduleTests {

	private static final String SCHEDULED = """
			name: nightly
			input:
			  pattern: ../input/incoming/*.csv
			  processed: ../input/processed
			task:
			  type: translate
			  columns: [name]
			  to: [fr]
			output:
			  path: ../output/{job}-{input}-{date}.csv
			schedule:
			  cron: "0 0 2 * * *"
			  zone: Europe/Paris
			""";

	@TempDir
	Path dir;

	@Test
	void bindsScheduleAndInputPatternRelativeToTheJobFile() throws IOException {
		JobFile job = JobDefinitionLoader.loadJobFile(write(SCHEDULED));

		assertThat(job.schedule())
			.isEqualTo(new Schedule("0 0 2 * * *", ZoneId.of("Europe/Paris"), Schedule.MissedTriggers.RUN_ONCE));
		assertThat(job.inputPattern())
			.isEqualTo(new InputPattern(dir.resolve("input/incoming"), "*.csv", dir.resolve("input/processed")));
		assertThat(job.definition().input().format()).isEqualTo(InputFormat.CSV);
		JobDefinition forFile = job.forInput(dir.resolve("input/incoming/orders-7.csv"));
		assertThat(forFile.input().path()).isEqualTo(dir.resolve("input/incoming/orders-7.csv"));
		assertThat(forFile.output().path()).isEqualTo(dir.resolve("output/{job}-orders-7-{date}.csv").toString());
		assertThat(forFile.output().rejectPath())
			.isEqualTo(dir.resolve("output/{job}-orders-7-{date}-rejects.csv").toString());
	}

	@Test
	void aJobWithoutScheduleHasNoneAndItsInputPlaceholderIsTheInputFileName() throws IOException {
		JobFile job = JobDefinitionLoader.loadJobFile(write("""
				input: {path: ../input/products.csv}
				task: {type: translate, columns: [name], to: [fr]}
				output:
				  path: ../output/{input}-fr.csv
				"""));

		assertThat(job.schedule()).isNull();
		assertThat(job.inputPattern()).isNull();
		assertThat(job.definition().output().path()).isEqualTo(dir.resolve("output/products-fr.csv").toString());
	}

	@Test
	void listsMatchingFilesByNameLeavingOutPartialUploads() throws IOException {
		Path incoming = Files.createDirectories(dir.resolve("incoming"));
		for (String name : List.of("b.csv", "a.csv", "c.csv.part", ".hidden.csv", "notes.txt")) {
			Files.writeString(incoming.resolve(name), "x");
		}
		Files.createDirectories(incoming.resolve("folder.csv"));

		assertThat(new InputPattern(incoming, "*.csv", null).files()).containsExactly(incoming.resolve("a.csv"),
				incoming.resolve("b.csv"));
		assertThat(new InputPattern(dir.resolve("missing"), "*.csv", null).files()).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					five-field cron      | "0 0 2 * * *"|"0 2 * * *"                 | schedule.cron | add the seconds in front: cron: "0 0 2 * * *"
					nonsense cron        | "0 0 2 * * *"|"every night"               | schedule.cron | six fields, seconds first
					unknown zone         | Europe/Paris|Europe/Pariss                 | schedule.zone | write zone: Europe/Paris
					unknown missed value | zone: Europe/Paris|missed: later            | schedule.missed | run-once
					wildcard folder      | ../input/incoming/*.csv|../input/*/x.csv   | input.pattern | in the file name only
					no wildcard          | ../input/incoming/*.csv|../input/incoming/a.csv | input.pattern | use path: for a single file
					pattern and path     | pattern: ../input/incoming/*.csv|pattern: ../input/incoming/*.csv\\n  path: a.csv | input.path | keep path to process one file
					processed = incoming | processed: ../input/processed|processed: ../input/incoming | input.processed | another folder
					output without input | {job}-{input}-{date}.csv|{job}-{date}.csv   | output.path | put {input}
					unknown placeholder  | {job}-{input}-{date}.csv|{job}-{file}.csv  | output.path | {input} (the input file's name
					""")
	void reportsEachMistakeWithItsYamlPathAndAFix(String mistake, String replaced, String replacement, String yamlPath,
			String fix) throws IOException {
		String yaml = SCHEDULED.replace(replaced, replacement.replace("\\n", "\n"));
		assertThat(yaml).as("the case changes the file").isNotEqualTo(SCHEDULED);

		JobDefinitionException ex = catchThrowableOfType(JobDefinitionException.class,
				() -> JobDefinitionLoader.loadJobFile(write(yaml)));

		assertThat(ex).as(mistake).isNotNull();
		assertThat(ex.details()).anySatisfy(problem -> {
			assertThat(problem.yamlPath()).isEqualTo(yamlPath);
			assertThat(problem.fix()).contains(fix);
		});
	}

	@Test
	void processedWithoutAPatternIsAMistake() throws IOException {
		JobDefinitionException ex = catchThrowableOfType(JobDefinitionException.class,
				() -> JobDefinitionLoader.loadJobFile(write("""
						input: {path: ../input/products.csv, processed: ../input/done}
						task: {type: translate, columns: [name], to: [fr]}
						output: {path: ../output/out.csv}
						""")));

		assertThat(ex.details()).singleElement().satisfies(problem -> {
			assertThat(problem.yamlPath()).isEqualTo("input.processed");
			assertThat(problem.line()).isEqualTo(1);
		});
	}

	private Path write(String yaml) throws IOException {
		return JobYaml.write(dir.resolve("jobs"), yaml);
	}

}
