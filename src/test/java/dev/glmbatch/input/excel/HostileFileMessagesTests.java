package dev.glmbatch.input.excel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.jobdef.JobDefinitionException;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.jobdef.MessageText;
import dev.glmbatch.run.JobCheck;
import dev.glmbatch.testsupport.JobYaml;
import dev.glmbatch.testsupport.LogCapture;

import static dev.glmbatch.input.excel.ExcelFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Each hostile file is refused with one short line that says what the file really is and
 * what to do; the workbook libraries log nothing of their own about it; values quoted
 * from the file are capped.
 */
class HostileFileMessagesTests {

	@TempDir
	Path dir;

	static Stream<HostileFiles.Case> cases() {
		return HostileFiles.all().stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void refusalNamesWhatTheFileIsAndWhatToDoInOneLineWithNoLibraryLogging(HostileFiles.Case hostile) {
		Path file = hostile.make(dir);
		InputFormatException refusal;
		try (LogCapture logs = new LogCapture()) {
			refusal = catchThrowableOfType(InputFormatException.class, () -> InputFiles.inspect(spec(file)));

			assertThat(logs.lines()).as("library logging")
				.noneMatch(line -> line.contains("org.apache.poi") || line.contains("org.apache.xmlbeans")
						|| line.contains("com.github.pjfanning"));
		}
		assertThat(refusal).as("refused").isNotNull();
		assertThat(refusal.getMessage()).startsWith(file.toString())
			.contains(hostile.problem())
			.contains(hostile.hint())
			.doesNotContain("\n")
			.hasSizeLessThan(400);
	}

	@Test
	void truncatedPartIsDamageNotAnEntityDeclaration() {
		assertThat(
				WorkbookErrors.declaresEntities("xml document structures must start and end within the same entity."))
			.isFalse();
		assertThat(WorkbookErrors.declaresEntities("doctype is disallowed when the feature ... set to true.")).isTrue();
		assertThat(WorkbookErrors
			.declaresEntities("jaxp00010001: the parser has encountered more than \"64000\" entity expansions"))
			.isTrue();
	}

	@Test
	void aMegabyteHeaderNameIsQuotedCapped() throws IOException {
		String huge = "h".repeat(1_000_000);
		Files.writeString(dir.resolve("products.csv"), "sku," + huge + "\nP1,x\n", StandardCharsets.UTF_8);
		Path job = JobYaml.write(dir, JobYaml.MINIMAL);

		JobDefinitionException refusal = catchThrowableOfType(JobDefinitionException.class,
				() -> JobCheck.of(JobDefinitionLoader.load(job)));

		assertThat(refusal.getMessage()).contains("h".repeat(MessageText.MAX_QUOTED) + "\u2026(999800 more characters)")
			.hasSizeLessThan(1_000);
	}

	@Test
	void aRepeatedLongHeaderNameIsQuotedCapped() throws IOException {
		String longName = "n".repeat(5_000);
		Path file = Files.writeString(dir.resolve("twice.csv"), "id," + longName + "," + longName + "\n1,2,3\n",
				StandardCharsets.UTF_8);

		InputFormatException refusal = catchThrowableOfType(InputFormatException.class,
				() -> InputFiles.inspect(spec(file)));

		assertThat(refusal.getMessage()).contains("more than once")
			.contains("(4800 more characters)")
			.hasSizeLessThan(1_500);
	}

	@Test
	void capKeepsShortTextAndCountsWhatItLeavesOut() {
		assertThat(MessageText.cap("price")).isEqualTo("price");
		assertThat(MessageText.cap("x".repeat(200))).isEqualTo("x".repeat(200));
		assertThat(MessageText.cap("x".repeat(201))).isEqualTo("x".repeat(200) + "\u2026(1 more characters)");
	}

}
