package dev.glmbatch.jobdef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A generate task's schema in its three forms (a YAML mapping, JSON text, a file), each
 * checked against the JSON Schema meta-schema when the job is loaded, so that a schema
 * that could never be meant is refused before any call.
 */
class SchemaFormsTests {

	private static final String JSON = "{\"type\":\"object\",\"properties\":{\"teaser\":{\"type\":\"string\"},"
			+ "\"score\":{\"type\":\"integer\",\"minimum\":1},\"urgent\":{\"type\":\"boolean\"}},"
			+ "\"required\":[\"teaser\"]}";

	@TempDir
	Path dir;

	@Test
	void aYamlMappingAJsonStringAndASchemaFileBindTheSameSchema() throws IOException {
		GenerateSpec mapping = generate("""
				  schema:
				    type: object
				    properties:
				      teaser: {type: string}
				      score: {type: integer, minimum: 1}
				      urgent:
				        type: boolean
				    required: [teaser]
				""");
		GenerateSpec text = generate("  schema: '" + JSON + "'\n");
		GenerateSpec spaced = generate("  schema: '" + JSON.replace(",", ", ") + "'\n");
		Files.createDirectories(dir.resolve("schemas"));
		Files.writeString(dir.resolve("schemas/teaser.json"), JSON);
		GenerateSpec file = generate("  schema-file: schemas/teaser.json\n");
		Files.writeString(dir.resolve("schemas/teaser.yaml"), """
				type: object
				properties:
				  teaser: {type: string}
				  score: {type: integer, minimum: 1}
				  urgent: {type: boolean}
				required: [teaser]
				""");
		GenerateSpec yamlFile = generate("  schema-file: schemas/teaser.yaml\n");

		assertThat(mapping.schema()).isEqualTo(JSON);
		assertThat(text.schema()).isEqualTo(JSON);
		assertThat(file.schema()).isEqualTo(JSON);
		assertThat(yamlFile.schema()).isEqualTo(JSON);
		assertThat(mapping.fields()).containsExactly("teaser", "score", "urgent");
		// JSON text stays as written, so that the prompts of a run started before this
		// form existed do not change
		assertThat(spaced.schema()).isEqualTo(JSON.replace(",", ", "));
		assertThat(spaced.fields()).isEqualTo(mapping.fields());
	}

	@Test
	void anInvalidTypeInAMappingIsReportedAtItsLineWithTheValidTypes() throws IOException {
		JobFileProblem problem = onlyProblem("""
				  schema:
				    type: object
				    properties:
				      teaser: {type: string}
				      priority:
				        type: int
				""");

		assertThat(problem.yamlPath()).isEqualTo("task.schema.properties.priority.type");
		assertThat(problem.line()).isEqualTo(12);
		assertThat(problem.problem()).isEqualTo("\"int\" is not a valid type");
		assertThat(problem.fix()).startsWith(
				"write type: integer; the valid types are string, number, integer, " + "boolean, object, array, null");
	}

	@Test
	void anInvalidTypeInJsonTextIsReportedAtItsLineInsideALiteralBlock() throws IOException {
		JobFileProblem problem = onlyProblem("""
				  schema: |
				    {"type": "object",
				     "properties": {
				       "teaser": {"type": "string"},
				       "priority": {"type": "int"}}}
				""");

		assertThat(problem.yamlPath()).isEqualTo("task.schema");
		assertThat(problem.line()).isEqualTo(11);
		assertThat(problem.problem()).isEqualTo("at /properties/priority/type: \"int\" is not a valid type");
	}

	@Test
	void anInvalidKeywordValueInASchemaFileNamesTheFileAndItsLine() throws IOException {
		Path schema = Files.writeString(dir.resolve("teaser.json"), """
				{
				  "type": "object",
				  "properties": {"teaser": {"type": "string", "minLength": "ten"}}
				}
				""");

		JobFileProblem problem = onlyProblem("  schema-file: teaser.json\n");

		assertThat(problem.yamlPath()).isEqualTo("task.schema-file");
		assertThat(problem.problem()).startsWith("in " + schema + " at /properties/teaser/minLength (line 3): ")
			.contains("integer expected");
	}

	@Test
	void aMissingSchemaFileAndBothFormsAtOnceAreRefused() throws IOException {
		assertThat(onlyProblem("  schema-file: nowhere.json\n").problem())
			.isEqualTo("the schema file " + dir.resolve("nowhere.json") + " does not exist");
		assertThat(onlyProblem("  schema-file: nowhere.json\n  schema: {type: object}\n").problem())
			.isEqualTo("both schema and schema-file are given");
	}

	@Test
	void anUnquotedNullTypeIsExplained() throws IOException {
		JobFileProblem problem = onlyProblem("""
				  schema:
				    type: object
				    properties: {nothing: {type: null}}
				""");

		assertThat(problem.problem()).contains("unquoted null");
		assertThat(problem.fix()).startsWith("write type: \"null\" in quotes");
	}

	private GenerateSpec generate(String schema) throws IOException {
		return (GenerateSpec) JobDefinitionLoader.load(write(schema)).task();
	}

	private JobFileProblem onlyProblem(String schema) throws IOException {
		JobDefinitionException ex = catchThrowableOfType(JobDefinitionException.class,
				() -> JobDefinitionLoader.load(write(schema)));
		assertThat(ex).as("the job was accepted").isNotNull();
		assertThat(ex.details()).hasSize(1);
		return ex.details().get(0);
	}

	/** The job file; the schema lines start at line 7. */
	private Path write(String schema) throws IOException {
		Path file = dir.resolve("job.yaml");
		Files.writeString(file, "input:\n  path: in.csv\noutput:\n  path: out.csv\ntask:\n  type: generate\n" + schema
				+ "  prompt: \"Teaser for {{name}}\"\n");
		return file;
	}

}
