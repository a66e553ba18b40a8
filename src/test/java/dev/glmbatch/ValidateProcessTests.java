package dev.glmbatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.glmbatch.testsupport.JarProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code validate} as a user runs it, through the packaged jar: the schema forms and the
 * meta-schema check, the {@code --input} option, the rows a run would reject without a
 * call, the encoding, and the documents of a summarise job. No GLM endpoint is involved:
 * validate makes no call.
 */
class ValidateProcessTests {

	@TempDir
	Path dir;

	@Test
	void aSchemaWithAnInvalidTypeIsRefusedAtItsLineWithTheValidTypes() throws Exception {
		Path job = teaserJob("""
				  schema:
				    type: object
				    properties:
				      teaser: {type: string}
				      priority: {type: "int"}
				""");

		Result result = run("validate", job.toString());

		assertThat(result.exit()).isEqualTo(1);
		assertThat(result.output()).contains(job + ": task.schema.properties.priority.type (line 9): \"int\" is not a"
				+ " valid type. Fix: write type: integer; the valid types are string, number, integer, boolean, object,"
				+ " array, null")
			.doesNotContain("Exception");
	}

	@Test
	void runRefusesTheSameSchemaBeforeAnyCall() throws Exception {
		Path job = teaserJob("""
				  schema: '{"type": "object", "properties": {"priority": {"type": "int"}}}'
				""");

		Result result = run("run", job.toString(), "--simulate");

		assertThat(result.exit()).isEqualTo(1);
		assertThat(result.output())
			.contains("task.schema (line 5): at /properties/priority/type: \"int\" is not a" + " valid type")
			.doesNotContain("GLM simulator:");
		assertThat(dir.resolve("out.csv")).doesNotExist();
		assertThat(dir.resolve(".glm-batch")).as("no state database was created").doesNotExist();
	}

	@Test
	void aSchemaWrittenAsAMappingOrAFileIsAcceptedAndTheStatusColumnsAreShown() throws Exception {
		Files.writeString(dir.resolve("in.csv"), "sku,name,status\nP1,Lamp,open\n");
		Files.writeString(dir.resolve("teaser.json"),
				"{\"type\": \"object\", \"properties\": {\"teaser\": " + "{\"type\": \"string\"}}}");
		Path job = Files.writeString(dir.resolve("teaser.yaml"), """
				input: {path: in.csv}
				task: {type: generate, prompt: "Teaser for {{name}}", schema-file: teaser.json}
				output: {path: out.csv}
				""");

		Result result = run("validate", job.toString());

		assertThat(result.exit()).as(result.output()).isZero();
		assertThat(result.output()).contains("Job teaser is valid.")
			.contains("(adds teaser, glmbatch_status, glmbatch_reject_reason)");
	}

	@Test
	void inputOptionChecksAnotherFileAndRaggedRowsAndTheEncodingAreReported() throws Exception {
		Files.writeString(dir.resolve("in.csv"), "sku,name\nP1,Lamp\n");
		Files.write(dir.resolve("other.csv"),
				"sku;name\nP1;Lampe \u00e0 poser\nP2;Desk;extra\nP3\nP4;Chair\n".getBytes(StandardCharsets.ISO_8859_1));
		Path job = Files.writeString(dir.resolve("products.yaml"), """
				input: {path: in.csv, encoding: ISO-8859-1}
				task: {type: translate, columns: [name], to: [fr]}
				output: {path: out.csv}
				""");

		Result result = run("validate", job.toString(), "--input", dir.resolve("other.csv").toString());

		assertThat(result.exit()).as(result.output()).isZero();
		assertThat(result.output())
			.contains("  input:    " + dir.resolve("other.csv")
					+ " (encoding ISO-8859-1, delimiter ';'; 4 data rows; columns: sku, name)")
			.contains("  rows:     2 of 4 cannot be read and will be rejected without a call; line 3 has 3 fields but"
					+ " the header has 2")
			.contains("; line 4 has 1 field but the header has 2");
	}

	@Test
	void summariseDocumentsThatAreMissingOrOutsideTheBaseFolderAreNamed() throws Exception {
		Path docs = Files.createDirectories(dir.resolve("docs"));
		Files.writeString(docs.resolve("a.txt"), "Quarterly report. Sales grew.");
		Files.writeString(dir.resolve("secret.txt"), "not for summaries");
		Files.writeString(dir.resolve("in.csv"), "doc,file\nD1,a.txt\nD2,../secret.txt\nD3,missing.md\n");
		Path job = Files.writeString(dir.resolve("summaries.yaml"), """
				input: {path: in.csv}
				task: {type: summarise, path-column: file, base-folder: docs}
				output: {path: out.csv}
				""");

		Result result = run("validate", job.toString());

		assertThat(result.exit()).as(result.output()).isZero();
		assertThat(result.output()).contains("up to 3 first GLM calls (1 per row)")
			.contains("  documents: 3 named, 2 will be rejected without a call; line 3: "
					+ "'../secret.txt' is outside the allowed folder " + docs
					+ "; line 4: 'missing.md' does not exist under " + docs);
	}

	/**
	 * Writes {@code in.csv} (one product) and {@code teaser.yaml}, a job that generates a
	 * teaser for it, whose task ends with {@code schema}: lines of YAML at the task's
	 * indentation, starting at line 5.
	 */
	private Path teaserJob(String schema) throws IOException {
		Files.writeString(dir.resolve("in.csv"), "sku,name\nP1,Lamp\n");
		return Files.writeString(dir.resolve("teaser.yaml"), """
				input: {path: in.csv}
				task:
				  type: generate
				  prompt: "Teaser for {{name}}"
				%soutput: {path: out.csv}
				""".formatted(schema));
	}

	private Result run(String... arguments) throws IOException, InterruptedException {
		try (JarProcess process = JarProcess.start(dir, dir.resolve("validate.log"), Map.of(), List.of(), arguments)) {
			assertThat(process.waitFor(Duration.ofSeconds(60))).as("validate ended").isTrue();
			return new Result(process.exitValue(), process.output());
		}
	}

	private record Result(int exit, String output) {

	}

}
