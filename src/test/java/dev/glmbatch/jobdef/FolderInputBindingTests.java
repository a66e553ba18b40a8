package dev.glmbatch.jobdef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Binds a folder input, the summary of its files, the caps on reading them and the
 * Markdown file per document.
 */
class FolderInputBindingTests {

	@TempDir
	Path dir;

	@Test
	void aFolderInputWithASummaryIsAWholeJob() throws IOException {
		JobDefinition job = JobDefinitionLoader.load(write("""
				name: contracts
				input: {folder: ../input/contracts, pattern: "*.pdf"}
				task: {type: summarise, words: 60}
				model: glm-4.5-air
				output:
				  path: ../output/{job}.csv
				"""));

		Path folder = dir.resolve("input/contracts").toAbsolutePath().normalize();
		assertThat(job.input().isFolder()).isTrue();
		assertThat(job.input().path()).isEqualTo(folder);
		assertThat(job.input().format()).isEqualTo(InputFormat.FOLDER);
		SummariseSpec summary = (SummariseSpec) job.task();
		assertThat(summary.column()).isEqualTo("path");
		assertThat(summary.documents()).isEqualTo(new SummariseSpec.DocumentFolder(folder, DocumentLimits.DEFAULTS));
		// another folder given with --input is where the documents are read
		Path other = dir.resolve("other").toAbsolutePath();
		SummariseSpec moved = (SummariseSpec) job.withInput(job.input().withPath(other)).task();
		assertThat(moved.documents().base()).isEqualTo(other);
	}

	@Test
	void patternsSelectFilesByTheirPathInTheFolder() throws IOException {
		JobDefinition job = JobDefinitionLoader.load(write("""
				input:
				  folder: ../input/docs
				  pattern: ["**/*.pdf", "*.html"]
				task: {type: summarise}
				output:
				  path: ../output/{job}.csv
				"""));

		FolderSelection selection = job.input().folder();
		assertThat(selection.matches(Path.of("a.pdf"))).isTrue();
		assertThat(selection.matches(Path.of("2026/q1/a.pdf"))).isTrue();
		assertThat(selection.matches(Path.of("a.html"))).isTrue();
		assertThat(selection.matches(Path.of("sub/a.html"))).isFalse();
		assertThat(selection.matches(Path.of("a.docx"))).isFalse();
		assertThat(selection.searchesSubfolders()).isTrue();
	}

	@Test
	void bindsTheDocumentCapsAndTheMarkdownTemplate() throws IOException {
		JobDefinition job = JobDefinitionLoader.load(
				write("""
						name: caps
						input: {folder: ../input/docs}
						task: {type: summarise, max-file-mb: 5, max-pages: 30, max-chars: 90000, max-seconds: 20, max-memory-mb: 32}
						output:
						  path: ../output/{job}.csv
						  documents: ../output/{job}/{path}.md
						"""));

		DocumentLimits limits = ((SummariseSpec) job.task()).documents().limits();
		assertThat(limits).isEqualTo(new DocumentLimits(5L << 20, 30, 90_000, Duration.ofSeconds(20), 32L << 20));
		assertThat(job.output().resolveDocumentPath("caps", LocalDate.of(2026, 1, 31), "2026/q1/lease.pdf"))
			.isEqualTo(dir.resolve("output/caps/2026/q1/lease.md").toAbsolutePath().normalize());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					input: {folder: ../in, pattern: "[a"}\\ntask: {type: summarise}                     | input.pattern | not a valid file pattern
					input: {folder: ../in, pattern: "../*.pdf"}\\ntask: {type: summarise}               | input.pattern | leaves the folder
					input: {folder: ../in, path: x.csv}\\ntask: {type: summarise}                       | input.path | unknown key 'path'
					input: {folder: ../in}\\ntask: {type: summarise, path-column: file}                 | task.path-column | the input is a folder
					input: {folder: ../in}\\ntask: {type: summarise, max-pages: 0}                      | task.max-pages | expected a whole number from 1
					input: {path: ../in.csv}\\ntask: {type: summarise, column: body, max-pages: 9}      | task.max-pages | reads a column
					""")
	void reportsEachProblemWithItsPath(String body, String path, String message) throws IOException {
		JobDefinitionException ex = catchThrowableOfType(JobDefinitionException.class, () -> JobDefinitionLoader
			.load(write(body.replace("\\n", "\n") + "\noutput:\n  path: ../output/{job}.csv\n")));

		assertThat(ex.details()).anySatisfy(problem -> {
			assertThat(problem.yamlPath()).isEqualTo(path);
			assertThat(problem.problem()).contains(message);
			assertThat(problem.fix()).isNotBlank();
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			../input/docs  | ../output/summaries/all.md   | names no document
			../input/docs  | ../output/{title}.md         | unknown placeholder {title}
			../in.csv      | ../output/{name}.md          | does not summarise a folder
			""")
	void refusesAMarkdownTemplateThatCannotWork(String input, String documents, String message) throws IOException {
		String inputLine = input.endsWith(".csv")
				? "input: {path: " + input + "}\ntask: {type: summarise, column: body}"
				: "input: {folder: " + input + "}\ntask: {type: summarise}";
		JobDefinitionException ex = catchThrowableOfType(JobDefinitionException.class, () -> JobDefinitionLoader
			.load(write(inputLine + "\noutput:\n  path: ../output/{job}.csv\n  documents: " + documents + "\n")));

		assertThat(ex.details()).anySatisfy(problem -> {
			assertThat(problem.yamlPath()).isEqualTo("output.documents");
			assertThat(problem.problem()).contains(message);
		});
	}

	private Path write(String yaml) throws IOException {
		Path jobs = Files.createDirectories(dir.resolve("jobs"));
		return Files.writeString(jobs.resolve("job.yaml"), yaml);
	}

}
