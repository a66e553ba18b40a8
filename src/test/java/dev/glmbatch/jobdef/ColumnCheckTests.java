package dev.glmbatch.jobdef;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ColumnCheckTests {

	private static final List<String> HEADER = List.of("sku", "name", "description");

	@TempDir
	Path dir;

	@Test
	void acceptsAJobWhoseColumnsAreAllInTheHeader() {
		JobDefinition job = job(List.of("name", "description"), "sku");

		assertThatNoException().isThrownBy(() -> ColumnCheck.requireColumns(job, HEADER, input()));
	}

	@Test
	void namesTheMissingSourceColumnItsYamlPathAndTheHeader() {
		JobDefinition job = job(List.of("name", "summary"), null);

		JobDefinitionException ex = failure(job, HEADER);

		assertThat(ex.file()).isEqualTo(job.file());
		assertThat(ex.yamlPath()).isEqualTo("task.columns[1]");
		assertThat(ex.getMessage()).isEqualTo(job.file() + ": task.columns[1]: the column 'summary' is not in the "
				+ "header of " + input() + ". Fix: name a column the input has, or fix the input's header; "
				+ "the input has: sku, name, description");
	}

	@Test
	void namesAMissingIdColumn() {
		JobDefinition job = job(List.of("name"), "id");

		JobDefinitionException ex = failure(job, HEADER);

		assertThat(ex.yamlPath()).isEqualTo("input.id-column");
		assertThat(ex.getMessage()).contains("the column 'id' is not in the header")
			.contains("the input has: sku, name, description");
	}

	@Test
	void reportsEveryMissingColumnAtOnce() {
		JobDefinition job = job(List.of("title", "name", "body"), "ref");

		JobDefinitionException ex = failure(job, HEADER);

		assertThat(ex.details()).extracting(JobFileProblem::yamlPath)
			.containsExactly("task.columns[0]", "task.columns[2]", "input.id-column");
		assertThat(ex.problems()).hasSize(3)
			.allSatisfy((line) -> assertThat(line).contains("the input has: sku, name"));
	}

	@Test
	void matchesColumnNamesExactlyButSuggestsAnotherCase() {
		JobDefinition job = job(List.of("Description"), null);

		JobDefinitionException ex = failure(job, HEADER);

		assertThat(ex.getMessage()).contains("the column 'Description' is not in the header")
			.contains("(did you mean 'description'?)");
	}

	@Test
	void saysSoWhenTheInputHasNoColumns() {
		JobDefinition job = job(List.of("name"), null);

		JobDefinitionException ex = failure(job, List.of());

		assertThat(ex.getMessage()).endsWith("the input has no columns");
	}

	@Test
	void shortensTheListOfAVeryWideHeader() {
		List<String> wide = IntStream.rangeClosed(1, 60).mapToObj((i) -> "c" + i).toList();
		JobDefinition job = job(List.of("name"), null);

		JobDefinitionException ex = failure(job, wide);

		assertThat(ex.getMessage()).contains("the input has: c1, c2,")
			.contains("c50 and 10 more")
			.doesNotContain("c51");
	}

	private JobDefinitionException failure(JobDefinition job, List<String> header) {
		JobDefinitionException ex = catchThrowableOfType(JobDefinitionException.class,
				() -> ColumnCheck.requireColumns(job, header, input()));
		assertThat(ex).as("the column check should fail").isNotNull();
		return ex;
	}

	private Path input() {
		return dir.resolve("input/products.csv");
	}

	@Test
	void refusesATableOutputThatWouldRepeatAnInputColumn() {
		JobDefinition job = job(List.of("name"), null);
		List<String> header = List.of("sku", "name", "name_fr");

		JobDefinitionException ex = catchThrowableOfType(JobDefinitionException.class,
				() -> ColumnCheck.requireNewOutputColumns(job, header, List.of("name_fr"), input()));

		assertThat(ex).isNotNull();
		assertThat(ex.yamlPath()).isEqualTo("task");
		assertThat(ex.getMessage())
			.contains("the job adds the column 'name_fr', but " + input() + " already has a column of that name")
			.contains("rename or remove the input's column 'name_fr'");
	}

	@Test
	void acceptsNewOutputColumnsAndAnyColumnsForJsonl() {
		JobDefinition job = job(List.of("name"), null);
		JobDefinition jsonl = job.withOutput(new OutputSpec(dir.resolve("out.jsonl").toString(), OutputFormat.JSONL,
				dir.resolve("out-rejects.csv").toString()));

		assertThatNoException()
			.isThrownBy(() -> ColumnCheck.requireNewOutputColumns(job, HEADER, List.of("name_fr"), input()));
		assertThatNoException().isThrownBy(() -> ColumnCheck.requireNewOutputColumns(jsonl,
				List.of("sku", "name", "name_fr"), List.of("name_fr"), input()));
	}

	private JobDefinition job(List<String> columns, @Nullable String idColumn) {
		InputSpec input = new InputSpec(input(), InputFormat.CSV, StandardCharsets.UTF_8, null, idColumn);
		TranslateSpec task = new TranslateSpec(columns, List.of("fr"), null, Map.of(), List.of(), null);
		OutputSpec output = new OutputSpec(dir.resolve("out.csv").toString(), OutputFormat.CSV,
				dir.resolve("out-rejects.csv").toString());
		return new JobDefinition("translate-products", dir.resolve("jobs/translate-products.yaml"), input, task,
				"glm-4.5-air", ThinkingMode.DISABLED, 20, 4, output, Budget.UNLIMITED);
	}

}
