package dev.glmbatch.jobdef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ContentTaskSpecBindingTests {

	@TempDir
	Path dir;

	@Test
	void bindsAClassifyTaskWithDescriptionsAndExamples() throws IOException {
		JobDefinition job = JobDefinitionLoader.load(write("""
				  type: classify
				  columns: [body]
				  labels: {billing: refunds, technical: errors}
				  multi-label: true
				  examples: [{text: "charged twice", label: Billing}]
				"""));

		ClassifySpec spec = (ClassifySpec) job.task();
		assertThat(spec.labelNames()).containsExactly("billing", "technical");
		assertThat(spec.multiLabel()).isTrue();
		assertThat(spec.examples()).containsExactly(new ClassifySpec.Example("charged twice", List.of("billing")));
	}

	@Test
	void bindsAGenerateTaskWithSchemaFieldsAsColumns() throws IOException {
		JobDefinition job = JobDefinitionLoader.load(
				write("""
						  type: generate
						  prompt: "Teaser for {{ name }} in {{lang}}, not {{name}} again"
						  schema: '{"type": "object", "properties": {"teaser": {"type": "string"}, "score": {"type": "integer"}}}'
						"""));

		GenerateSpec spec = (GenerateSpec) job.task();
		assertThat(spec.sourceColumns()).containsExactly("name", "lang");
		assertThat(spec.fields()).containsExactly("teaser", "score");
	}

	@Test
	void bindsAnExtractTaskWithTheSchemaWrittenAsYamlKeepingItsTypes() throws IOException {
		JobDefinition job = JobDefinitionLoader.load(write("""
				  type: extract
				  columns: [description]
				  schema:
				    type: object
				    properties:
				      vendor: {type: string}
				      total: {type: number, minimum: 0}
				      paid: {type: boolean}
				    required: [vendor, total]
				  instructions: Extract the invoice fields.
				"""));

		ExtractSpec spec = (ExtractSpec) job.task();
		assertThat(spec.sourceColumns()).containsExactly("description");
		assertThat(spec.fields()).containsExactly("vendor", "total", "paid");
		assertThat(spec.instructions()).isEqualTo("Extract the invoice fields.");
		assertThat(JsonMapper.builder().build().readTree(spec.schema()))
			.isEqualTo(JsonMapper.builder().build().readTree("""
					{"type": "object", "properties": {"vendor": {"type": "string"},
					 "total": {"type": "number", "minimum": 0}, "paid": {"type": "boolean"}},
					 "required": ["vendor", "total"]}"""));
	}

	@Test
	void bindsTheSchemaWrittenAsJsonTextAlikeForExtractAndAsYamlForGenerate() throws IOException {
		ExtractSpec extract = (ExtractSpec) JobDefinitionLoader.load(write("""
				  type: extract
				  columns: [a, b]
				  schema: '{"type": "object", "properties": {"sku": {"type": "string"}}}'
				""")).task();
		GenerateSpec generate = (GenerateSpec) JobDefinitionLoader.load(write("""
				  type: generate
				  prompt: "Teaser for {{name}}"
				  schema: {type: object, properties: {teaser: {type: string}}}
				""")).task();

		assertThat(extract.fields()).containsExactly("sku");
		assertThat(generate.fields()).containsExactly("teaser");
		assertThat(generate.schema())
			.isEqualTo("{\"type\":\"object\",\"properties\":{\"teaser\":{\"type\":\"string\"}}}");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`',
			textBlock = """
					type: classify\\n  columns: [body]\\n  labels: [a, b]\\n  examples: [{text: x, label: c}] | task.examples[0].label | 'c' is not in task.labels
					type: classify\\n  columns: [body]\\n  labels: [a]                                   | task.labels | at least two labels
					type: summarise\\n  column: body\\n  path-column: file                             | task.path-column | both column and path-column
					type: generate\\n  prompt: "Hello {{}}"                                             | task.prompt | names no column
					type: generate\\n  prompt: "Hi {{name}}"\\n  schema: '{"type": "string"}'             | task.schema | must describe an object
					type: generate\\n  prompt: "Hi {{name}}"\\n  schema: '{oops'                          | task.schema | not valid JSON
					type: extract\\n  columns: [body]                                                    | task.schema | 'schema' is missing
					type: extract\\n  columns: [body]\\n  schema: {type: array, items: {type: string}}  | task.schema | must describe an object
					type: extract\\n  columns: [body]\\n  schema: {type: object, properties: {}}         | task.schema | at least one property
					type: extract\\n  columns: [body]\\n  schema: {type: object, properties: {a b: {}}}  | task.schema | 'a b' cannot be an output column name
					type: extract\\n  columns: [body]\\n  schema: [a, b]                                 | task.schema | expected
					type: extract\\n  schema: {type: object, properties: {a: {}}}                        | task.columns | 'columns' is missing
					""")
	void reportsEachProblemWithItsPathAndLine(String task, String path, String message) throws IOException {
		JobDefinitionException ex = catchThrowableOfType(JobDefinitionException.class,
				() -> JobDefinitionLoader.load(write("  " + task.replace("\\n", "\n") + "\n")));

		assertThat(ex.details()).anySatisfy(problem -> {
			assertThat(problem.yamlPath()).isEqualTo(path);
			assertThat(problem.line()).isPositive();
			assertThat(problem.problem()).contains(message);
			assertThat(problem.fix()).isNotBlank();
		});
	}

	@Test
	void anUnknownPlaceholderIsNamedWhenTheHeaderIsChecked() throws IOException {
		JobDefinition job = JobDefinitionLoader.load(write("""
				  type: generate
				  prompt: "Teaser for {{nmae}}"
				"""));

		JobDefinitionException ex = catchThrowableOfType(JobDefinitionException.class,
				() -> ColumnCheck.requireColumns(job, List.of("sku", "name"), dir.resolve("in.csv")));

		assertThat(ex.details()).singleElement().satisfies(problem -> {
			assertThat(problem.yamlPath()).isEqualTo("task.prompt {{nmae}}");
			assertThat(problem.problem()).contains("'nmae'");
			assertThat(problem.fix()).contains("name");
		});
	}

	private Path write(String task) throws IOException {
		Path file = dir.resolve("job.yaml");
		Files.writeString(file, "input:\n  path: in.csv\ntask:\n" + task + "output:\n  path: out.csv\n");
		return file;
	}

}
