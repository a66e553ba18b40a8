package dev.glmbatch.jobdef;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import dev.glmbatch.llm.ReasoningEffort;
import dev.glmbatch.testsupport.JobYaml;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.glmbatch.testsupport.JobYaml.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class JobDefinitionLoaderTests {

	@TempDir
	Path dir;

	@Nested
	class ValidFiles {

		@Test
		void bindsEveryKeyOfTheFullExample() throws URISyntaxException {
			Path file = resource("/jobs/translate-products.yaml");
			Path jobsFolder = file.getParent();

			JobDefinition job = JobDefinitionLoader.load(file);

			assertThat(job.name()).isEqualTo("translate-products");
			assertThat(job.file()).isEqualTo(file);
			assertThat(job.input()).isEqualTo(new InputSpec(jobsFolder.resolveSibling("input/products.csv"),
					InputFormat.CSV, StandardCharsets.UTF_8, ';', "sku"));
			assertThat(job.task()).isEqualTo(new TranslateSpec(List.of("name", "description"),
					List.of("fr", "de", "ja"), "en", Map.of("Smart Hub", "Smart Hub", "charger", "chargeur"),
					List.of("ACME", "USB-C"), "neutral and concise"));
			assertThat(((TranslateSpec) job.task()).glossary()).containsExactly(Map.entry("Smart Hub", "Smart Hub"),
					Map.entry("charger", "chargeur"));
			assertThat(job.model()).isEqualTo("glm-4.5-air");
			assertThat(job.thinking()).isEqualTo(ThinkingMode.DISABLED);
			assertThat(job.chunkSize()).isEqualTo(40);
			assertThat(job.concurrency()).isEqualTo(8);
			assertThat(job.output()).isEqualTo(new OutputSpec(
					jobsFolder.resolveSibling("output").resolve("{job}-{date}.csv").toString(), OutputFormat.CSV,
					jobsFolder.resolveSibling("output").resolve("{job}-{date}-failed.csv").toString(),
					FormulaPolicy.QUOTE, false, true));
		}

		@Test
		void bindsTheInFlightLimitAsOneNumberOrPerModelAndTheReasoningEffort() throws IOException {
			JobDefinition one = JobDefinitionLoader.load(write(MINIMAL + "max-in-flight: 8\nreasoning-effort: max\n"));
			JobDefinition perModel = JobDefinitionLoader
				.load(write(MINIMAL + "model: glm-5.3\nmax-in-flight: {glm-4.7: 20, glm-5.3: 3}\n"));
			JobDefinition neither = JobDefinitionLoader.load(write(MINIMAL));

			assertThat(one.maxInFlight()).isEqualTo(8);
			assertThat(one.reasoningEffort()).isEqualTo(ReasoningEffort.MAX);
			assertThat(perModel.maxInFlight()).isEqualTo(3);
			assertThat(perModel.reasoningEffort()).isNull();
			assertThat(neither.maxInFlight()).isNull();
		}

		@Test
		void bindsTheCallModeWithTheDeadlineOfAuto() throws IOException {
			JobDefinition batch = JobDefinitionLoader.load(write(MINIMAL + "mode: batch\n"));
			JobDefinition auto = JobDefinitionLoader.load(write(MINIMAL + "mode: Auto\ndeadline: 6h\n"));
			JobDefinition minutes = JobDefinitionLoader.load(write(MINIMAL + "mode: auto\ndeadline: 90m\n"));
			JobDefinition neither = JobDefinitionLoader.load(write(MINIMAL));

			assertThat(batch.mode()).isEqualTo(CallMode.BATCH);
			assertThat(auto.mode()).isEqualTo(CallMode.auto(Duration.ofHours(6)));
			assertThat(minutes.mode().deadline()).isEqualTo(Duration.ofMinutes(90));
			assertThat(neither.mode()).isEqualTo(CallMode.SYNC);
		}

		@Test
		void acceptsAChunkSmallerThanTheConcurrencyBecauseCallsRunAheadOfTheChunk() throws IOException {
			JobDefinition job = JobDefinitionLoader.load(write(MINIMAL + "chunk-size: 2\nconcurrency: 50\n"));

			assertThat(job.chunkSize()).isEqualTo(2);
			assertThat(job.concurrency()).isEqualTo(50);
		}

		@Test
		void fillsDefaultsForAMinimalFile() throws URISyntaxException {
			Path file = resource("/jobs/minimal.yaml");

			JobDefinition job = JobDefinitionLoader.load(file);

			assertThat(job.name()).isEqualTo("minimal");
			assertThat(job.input().format()).isEqualTo(InputFormat.CSV);
			assertThat(job.input().encoding()).isEqualTo(StandardCharsets.UTF_8);
			assertThat(job.input().delimiter()).isNull();
			assertThat(job.input().idColumn()).isNull();
			TranslateSpec task = (TranslateSpec) job.task();
			assertThat(task.sourceLanguage()).isNull();
			assertThat(task.glossary()).isEmpty();
			assertThat(task.doNotTranslate()).isEmpty();
			assertThat(task.tone()).isNull();
			assertThat(job.model()).isEqualTo("glm-4.5-air");
			assertThat(job.thinking()).isEqualTo(ThinkingMode.DISABLED);
			assertThat(job.chunkSize()).isEqualTo(20);
			assertThat(job.concurrency()).isEqualTo(4);
			assertThat(job.output().format()).isEqualTo(OutputFormat.CSV);
			assertThat(job.output().rejectPath()).isEqualTo(file.resolveSibling("out/{job}-rejects.csv").toString());
		}

		static Stream<Arguments> delimiters() {
			return Stream.of(Arguments.of("auto", null), Arguments.of("AUTO", null), Arguments.of("tab", '\t'),
					Arguments.of("'\\t'", '\t'), Arguments.of("\"\\t\"", '\t'), Arguments.of("\";\"", ';'),
					Arguments.of("\"|\"", '|'), Arguments.of("\",\"", ','), Arguments.of("' '", ' '),
					Arguments.of("x", 'x'));
		}

		@ParameterizedTest(name = "delimiter: {0}")
		@MethodSource("delimiters")
		void acceptsAutoTabOrAnySingleCharacterAsDelimiter(String written, Character expected) throws IOException {
			Path file = write(MINIMAL.replace("  path: products.csv", "  path: products.csv\n  delimiter: " + written));

			JobDefinition job = JobDefinitionLoader.load(file);

			assertThat(job.input().delimiter()).isEqualTo(expected);
		}

		@ParameterizedTest
		@CsvSource({ "disabled, DISABLED", "enabled, ENABLED", "auto, AUTO", "Enabled, ENABLED" })
		void readsThinkingMode(String written, ThinkingMode expected) throws IOException {
			Path file = write(MINIMAL + "thinking: " + written + "\n");

			assertThat(JobDefinitionLoader.load(file).thinking()).isEqualTo(expected);
		}

		@Test
		void keepsNumbersAndYamlWordsInTextListsAsWritten() throws IOException {
			Path file = write(MINIMAL.replace("  to: [fr]", "  to: [no, 'on']\n  do-not-translate: [1984, 007, true]"));

			TranslateSpec task = (TranslateSpec) JobDefinitionLoader.load(file).task();

			assertThat(task.targetLanguages()).containsExactly("no", "on");
			assertThat(task.doNotTranslate()).containsExactly("1984", "007", "true");
		}

		@Test
		void allowsTheWordKeyAsAGlossaryTerm() throws IOException {
			Path file = write(
					MINIMAL.replace("  to: [fr]", "  to: [fr]\n  glossary:\n    key: clé\n    api-key: clé d'API"));

			TranslateSpec task = (TranslateSpec) JobDefinitionLoader.load(file).task();

			assertThat(task.glossary()).containsExactly(Map.entry("key", "clé"), Map.entry("api-key", "clé d'API"));
		}

		@Test
		void acceptsAnyFileExtensionWhenTheFormatIsGiven() throws IOException {
			Path file = write(MINIMAL.replace("  path: products.csv", "  path: products.data\n  format: CSV")
				.replace("  path: out.csv", "  path: out.dat\n  format: csv"));

			JobDefinition job = JobDefinitionLoader.load(file);

			assertThat(job.input().format()).isEqualTo(InputFormat.CSV);
			assertThat(job.output().format()).isEqualTo(OutputFormat.CSV);
		}

		@ParameterizedTest
		@CsvSource({ "products.tsv", "products.TXT" })
		void readsTsvAndTxtInputsAsCsv(String input) throws IOException {
			Path file = write(MINIMAL.replace("products.csv", input));

			assertThat(JobDefinitionLoader.load(file).input().format()).isEqualTo(InputFormat.CSV);
		}

		@Test
		void ignoresAByteOrderMark() throws IOException {
			Path file = write("\uFEFF" + MINIMAL);

			assertThat(JobDefinitionLoader.load(file).name()).isEqualTo("job");
		}

	}

	@Nested
	class Paths {

		@Test
		void resolvesRelativePathsAgainstTheJobFilesFolderNotTheWorkingDirectory() throws IOException {
			Path file = write(MINIMAL.replace("path: products.csv", "path: ../input/./products.csv")
				.replace("path: out.csv", "path: ../output/{job}-{date}.csv"));

			JobDefinition job = JobDefinitionLoader.load(file);

			assertThat(job.input().path()).isEqualTo(dir.resolve("input/products.csv"));
			assertThat(job.output().path()).isEqualTo(dir.resolve("output/{job}-{date}.csv").toString());
			assertThat(job.output().rejectPath()).isEqualTo(dir.resolve("output/{job}-{date}-rejects.csv").toString());
		}

		@Test
		void keepsAbsolutePaths() throws IOException {
			Path input = dir.resolve("elsewhere/products.csv");
			Path output = dir.resolve("results/{job}.csv");
			Path rejects = dir.resolve("results/failed-{date}.csv");
			Path file = write(MINIMAL.replace("path: products.csv", "path: '" + input + "'")
				.replace("path: out.csv", "path: '" + output + "'\n  rejects: '" + rejects + "'"));

			JobDefinition job = JobDefinitionLoader.load(file);

			assertThat(job.input().path()).isEqualTo(input);
			assertThat(job.output().path()).isEqualTo(output.toString());
			assertThat(job.output().rejectPath()).isEqualTo(rejects.toString());
		}

		@Test
		void storesTheJobFileAbsoluteAndNormalised() throws IOException {
			Path file = write(MINIMAL);
			Path roundabout = file.getParent().resolve("../jobs/./job.yaml");

			JobDefinition job = JobDefinitionLoader.load(roundabout);

			assertThat(job.file()).isEqualTo(file.toAbsolutePath().normalize());
			assertThat(job.file().isAbsolute()).isTrue();
		}

		@Test
		void keepsPlaceholdersInOutputTemplatesForTheRunToExpand() throws IOException {
			Path file = write("name: nightly\n" + MINIMAL.replace("path: out.csv", "path: out/{job}/{date}.csv"));

			OutputSpec output = JobDefinitionLoader.load(file).output();

			assertThat(output.path()).isEqualTo(dir.resolve("jobs/out/{job}/{date}.csv").toString());
			assertThat(output.resolvePath("nightly", LocalDate.of(2025, 1, 31)))
				.isEqualTo(dir.resolve("jobs/out/nightly/2025-01-31.csv"));
			assertThat(output.resolveRejectPath("nightly", LocalDate.of(2025, 1, 31)))
				.isEqualTo(dir.resolve("jobs/out/nightly/2025-01-31-rejects.csv"));
		}

		@Test
		void appendsTheRejectsSuffixWhenTheOutputHasNoExtension() throws IOException {
			Path file = write(MINIMAL.replace("path: out.csv", "path: out.d/results\n  format: csv"));

			OutputSpec output = JobDefinitionLoader.load(file).output();

			assertThat(output.rejectPath()).isEqualTo(dir.resolve("jobs/out.d/results-rejects").toString());
		}

	}

	@Nested
	class InvalidFiles {

		static Stream<Arguments> invalidJobs() {
			return Stream.of(invalid("name with a space", "name: bad name\n" + MINIMAL, "name", "name: bad-name"),
					invalid("empty name", "name: ''\n" + MINIMAL, "name", "write a value"),
					invalid("missing input", MINIMAL.replace("input:\n  path: products.csv\n", ""), "input",
							"add it at the top level"),
					invalid("missing input path", MINIMAL.replace("  path: products.csv", "  encoding: UTF-8"),
							"input.path", "add it under input, e.g. path:"),
					invalid("input given as text",
							MINIMAL.replace("input:\n  path: products.csv", "input: products.csv"), "input",
							"indent its keys below 'input:'"),
					invalid("input extension without a format", MINIMAL.replace("products.csv", "products.dat"),
							"input.path", "supported formats: csv, xlsx, xls"),
					invalid("OpenDocument input", MINIMAL.replace("products.csv", "products.ods"), "input.path",
							"save it as Excel Workbook (.xlsx), or export the sheet as CSV"),
					invalid("Excel binary input", MINIMAL.replace("products.csv", "products.xlsb"), "input.path",
							"save it as Excel Workbook (.xlsx)"),
					invalid("Access database input", MINIMAL.replace("products.csv", "orders.accdb"), "input.path",
							"export the table from Access"),
					invalid("unsupported input format", edit("  path: products.csv", "  format: ods"), "input.format",
							"use one of: csv, xlsx, xls"),
					invalid("unknown encoding", edit("  path: products.csv", "  encoding: UTF-9"), "input.encoding",
							"UTF-8, ISO-8859-1"),
					invalid("two-character delimiter", edit("  path: products.csv", "  delimiter: ';;'"),
							"input.delimiter", "write one character"),
					invalid("bare pipe delimiter", edit("  path: products.csv", "  delimiter: |"), "input.delimiter",
							"in quotes"),
					invalid("quote as delimiter", edit("  path: products.csv", "  delimiter: '\"'"), "input.delimiter",
							"use another character"),
					invalid("empty id column", edit("  path: products.csv", "  id-column: ''"), "input.id-column",
							"write a value"),
					invalid("home-relative path", MINIMAL.replace("path: products.csv", "path: ~/products.csv"),
							"input.path", "write the full path"),
					invalid("missing task type", MINIMAL.replace("  type: translate\n", ""), "task.type",
							"add it under task, e.g. type: translate"),
					invalid("unsupported task type", MINIMAL.replace("type: translate", "type: transcribe"),
							"task.type", "use one of: translate, classify, summarise, summarize, generate"),
					invalid("columns given as text", MINIMAL.replace("columns: [name]", "columns: name"),
							"task.columns", "columns: [name]"),
					invalid("empty columns", MINIMAL.replace("columns: [name]", "columns: []"), "task.columns",
							"name at least one value"),
					invalid("duplicate column", MINIMAL.replace("columns: [name]", "columns: [name, name]"),
							"task.columns[1]", "remove one of them"),
					invalid("missing target languages", MINIMAL.replace("  to: [fr]\n", ""), "task.to",
							"add it under task, e.g. to: [fr, de, ja]"),
					invalid("target languages differing in case only", MINIMAL.replace("to: [fr]", "to: [fr, FR]"),
							"task.to[1]", "remove one of them"),
					invalid("nested list as a language", MINIMAL.replace("to: [fr]", "to: [fr, [de]]"), "task.to[1]",
							"write one value"),
					invalid("empty source language", edit("  type: translate", "  from: ''"), "task.from",
							"write a value"),
					invalid("glossary given as a list", edit("  type: translate", "  glossary: [a, b]"),
							"task.glossary", "key: value pairs"),
					invalid("empty glossary translation", edit("  type: translate", "  glossary: {\"Smart Hub\": ''}"),
							"task.glossary[\"Smart Hub\"]", "write a value"),
					invalid("do-not-translate given as text", edit("  type: translate", "  do-not-translate: ACME"),
							"task.do-not-translate", "do-not-translate: [ACME]"),
					invalid("tone given as a mapping", edit("  type: translate", "  tone: {style: short}"), "task.tone",
							"write one value"),
					invalid("upper-case model", MINIMAL + "model: GLM-4.5-Air\n", "model",
							"write it in lower case: model: glm-4.5-air"),
					invalid("unknown thinking mode", MINIMAL + "thinking: sometimes\n", "thinking",
							"use one of: disabled, enabled, auto"),
					invalid("boolean thinking", MINIMAL + "thinking: true\n", "thinking", "write thinking: enabled"),
					invalid("chunk size zero", MINIMAL + "chunk-size: 0\n", "chunk-size", "from 1 to 10000"),
					invalid("chunk size too large", MINIMAL + "chunk-size: 99999999999999999999\n", "chunk-size",
							"from 1 to 10000"),
					invalid("fractional chunk size", MINIMAL + "chunk-size: 2.5\n", "chunk-size", "chunk-size: 20"),
					invalid("quoted chunk size", MINIMAL + "chunk-size: '20'\n", "chunk-size", "without quotes"),
					invalid("chunk size without value", MINIMAL + "chunk-size:\n", "chunk-size",
							"remove the line to use the default"),
					invalid("concurrency too high", MINIMAL + "chunk-size: 1000\nconcurrency: 300\n", "concurrency",
							"from 1 to 256"),
					invalid("in-flight limit zero", MINIMAL + "max-in-flight: 0\n", "max-in-flight", "from 1 to 10000"),
					invalid("in-flight limits without the job's model", MINIMAL + "max-in-flight: {glm-4.7: 20}\n",
							"max-in-flight", "add glm-4.5-air: N under max-in-flight"),
					invalid("unknown mode", MINIMAL + "mode: fast\n", "mode", "use one of: sync, batch, auto"),
					invalid("auto without deadline", MINIMAL + "mode: auto\n", "mode", "add deadline: 6h"),
					invalid("deadline without auto", MINIMAL + "mode: batch\ndeadline: 6h\n", "deadline",
							"write mode: auto, or remove deadline"),
					invalid("deadline without unit", MINIMAL + "mode: auto\ndeadline: 6\n", "deadline",
							"e.g. deadline: 6h"),
					invalid("unknown reasoning effort", MINIMAL + "reasoning-effort: medium\n", "reasoning-effort",
							"use one of: low, high, max"),
					invalid("missing output", MINIMAL.replace("output:\n  path: out.csv\n", ""), "output",
							"add it at the top level"),
					invalid("missing output path", MINIMAL.replace("  path: out.csv", "  format: csv"), "output.path",
							"add it under output"),
					invalid("unknown placeholder", MINIMAL.replace("path: out.csv", "path: out-{run}.csv"),
							"output.path", "only {job} (the job name), {date} (the run date"),
					invalid("placeholder in other case", MINIMAL.replace("path: out.csv", "path: out-{Job}.csv"),
							"output.path", "write {job}; only {job}"),
					invalid("unmatched brace", MINIMAL.replace("path: out.csv", "path: out-{job.csv"), "output.path",
							"use no other braces"),
					invalid("output extension without a format", MINIMAL.replace("path: out.csv", "path: out.ods"),
							"output.path", "give the file one of the extensions .csv, .xlsx, .xlsm, .jsonl"),
					invalid("output overwriting the input", MINIMAL.replace("path: out.csv", "path: ./PRODUCTS.csv"),
							"output.path", "write the results to another file"),
					invalid("output template expanding to the input",
							MINIMAL.replace("path: products.csv", "path: job-2025-01-31.csv")
								.replace("path: out.csv", "path: '{job}-{date}.csv'"),
							"output.path", "write the results to another file"),
					invalid("rejects equal to the output", edit("  path: out.csv", "  rejects: out.csv"),
							"output.rejects", "give the rejects a file of their own"),
					invalid("rejects overwriting the input", edit("  path: out.csv", "  rejects: products.csv"),
							"output.rejects", "write the rejects to another file"),
					invalid("unknown key that is a typo", MINIMAL + "chunksize: 10\n", "chunksize",
							"rename it to 'chunk-size'"),
					invalid("key in camel case", MINIMAL + "chunkSize: 10\n", "chunkSize", "rename it to 'chunk-size'"),
					invalid("unknown nested key", edit("  path: products.csv", "  encodng: UTF-8"), "input.encodng",
							"rename it to 'encoding'"),
					invalid("unknown key unlike any", MINIMAL + "colour: red\n", "colour",
							"remove it, or use one of the keys allowed at the top level: name, input, task"),
					invalid("api key at the top level", "api-key: sk-123\n" + MINIMAL, "api-key",
							"the API key comes from the ZAI_API_KEY environment variable, never from a job file"),
					invalid("api key in a section", edit("  path: products.csv", "  apiKey: sk-123"), "input.apiKey",
							"ZAI_API_KEY environment variable"),
					invalid("duplicate key", MINIMAL + "model: glm-4.5\nmodel: glm-4.5-air\n", "model",
							"keep only one of them"),
					invalid("alias", MINIMAL.replace("to: [fr]", "to: [&lang fr]\n  from: *lang"), "task.from",
							"write the value out in full"));
		}

		@ParameterizedTest(name = "{0}")
		@MethodSource("invalidJobs")
		void reportsTheYamlPathAndAFix(String description, String yaml, String yamlPath, String fix)
				throws IOException {
			Path file = write(yaml);

			JobDefinitionException ex = loadFailure(file);

			assertThat(ex.yamlPath()).isEqualTo(yamlPath);
			assertThat(ex.problems()).singleElement()
				.asString()
				.startsWith(file + ": " + yamlPath)
				.contains(". Fix: ")
				.contains(fix);
			assertThat(ex.getMessage()).isEqualTo(ex.problems().get(0));
			assertThat(ex.file()).isEqualTo(file);
		}

		private static Arguments invalid(String description, String yaml, String yamlPath, String fix) {
			return Arguments.of(description, yaml, yamlPath, fix);
		}

		/** {@link JobYaml#MINIMAL} with a line added after {@code line}. */
		private static String edit(String line, String added) {
			assertThat(MINIMAL).contains(line + "\n");
			return MINIMAL.replace(line + "\n", line + "\n" + added + "\n");
		}

	}

	@Nested
	class Messages {

		@Test
		void formatsEachProblemWithFileYamlPathLineProblemAndFix() throws IOException {
			Path file = write(MINIMAL.replace("to: [fr]", "to:\n    - fr\n    - de\n    - fr"));

			JobDefinitionException ex = loadFailure(file);

			assertThat(ex.getMessage()).isEqualTo(
					file + ": task.to[2] (line 9): 'fr' is listed twice (also at task.to[0]). Fix: remove one of them");
			assertThat(ex.details()).singleElement().satisfies((problem) -> {
				assertThat(problem.yamlPath()).isEqualTo("task.to[2]");
				assertThat(problem.line()).isEqualTo(9);
			});
		}

		@Test
		void collectsEveryProblemOfTheFileInFileOrder() throws IOException {
			Path file = write("""
					name: translate products
					input:
					  path: products.csv
					  encoding: nope
					task:
					  type: translate
					  columns: name
					  to: [fr]
					chunk-size: 0
					""");

			JobDefinitionException ex = loadFailure(file);

			assertThat(ex.details()).extracting(JobFileProblem::yamlPath)
				.containsExactly("name", "input.encoding", "task.columns", "chunk-size", "output");
			assertThat(ex.details()).extracting(JobFileProblem::line).containsExactly(1, 4, 7, 9, 0);
			assertThat(ex.getMessage().lines()).hasSize(5)
				.allSatisfy((line) -> assertThat(line).startsWith(file + ": "));
			assertThat(ex.getMessage())
				.contains("output: the required key 'output' is missing. Fix: add it at the top level");
			assertThat(ex.yamlPath()).isEqualTo("name");
		}

		@Test
		void suggestsTheClosestKeyAndListsTheAllowedOnes() throws IOException {
			Path file = write(MINIMAL.replace("  to: [fr]", "  to: [fr]\n  glosary: {a: b}"));

			JobDefinitionException ex = loadFailure(file);

			assertThat(ex.getMessage()).isEqualTo(file + ": task.glosary (line 7): unknown key 'glosary'. "
					+ "Fix: rename it to 'glossary' (the keys allowed under task are: type, columns, to, from, "
					+ "glossary, do-not-translate, tone)");
		}

		@Test
		void refusesAnApiKeyAtAnyDepthEvenUnderAnUnknownKey() throws IOException {
			Path file = write(MINIMAL + "zai:\n  settings:\n    - ZAI_API_KEY: sk-123\n");

			JobDefinitionException ex = loadFailure(file);

			assertThat(ex.details()).extracting(JobFileProblem::yamlPath)
				.containsExactly("zai", "zai.settings[0].ZAI_API_KEY");
			assertThat(ex.problems().get(1)).endsWith("Fix: remove it: the API key comes from the ZAI_API_KEY "
					+ "environment variable, never from a job file");
		}

		@Test
		void neverRepeatsTheValueOfAnApiKey() throws IOException {
			Path file = write("key: sk-very-secret\n" + MINIMAL.replace("products.csv", "products.ods"));

			JobDefinitionException ex = loadFailure(file);

			assertThat(ex.details()).extracting(JobFileProblem::yamlPath).containsExactly("key", "input.path");
			assertThat(ex.getMessage()).doesNotContain("sk-very-secret").contains("ZAI_API_KEY");
		}

		@Test
		void doesNotQuoteTheSourceLineOfASyntaxError() throws IOException {
			Path file = write("api-key: \"sk-very-secret\" extra\n" + MINIMAL);

			JobDefinitionException ex = loadFailure(file);

			assertThat(ex.getMessage()).doesNotContain("sk-very-secret").contains("invalid YAML");
		}

	}

	@Nested
	class UnusableFiles {

		static Stream<Arguments> unusableContents() {
			return Stream.of(Arguments.of("", "the job file is empty"),
					Arguments.of("# nothing but a comment\n", "the job file is empty"),
					Arguments.of("- input\n- task\n", "a job file is a mapping of keys"),
					Arguments.of("just some text\n", "a job file is a mapping of keys"),
					Arguments.of(MINIMAL + "---\n" + MINIMAL, "more than one YAML document"));
		}

		@ParameterizedTest
		@MethodSource("unusableContents")
		void reportsAFileThatHoldsNoJob(String content, String problem) throws IOException {
			Path file = write(content);

			JobDefinitionException ex = loadFailure(file);

			assertThat(ex.yamlPath()).isEmpty();
			assertThat(ex.getMessage()).startsWith(file + ": ").contains(problem).contains(". Fix: ");
		}

		@Test
		void reportsInvalidYamlWithLineAndColumn() throws IOException {
			Path file = write(MINIMAL.replace("to: [fr]", "to: [fr, de"));

			JobDefinitionException ex = loadFailure(file);

			assertThat(ex.details()).singleElement().satisfies((problem) -> {
				assertThat(problem.yamlPath()).isEmpty();
				assertThat(problem.line()).isEqualTo(7);
				assertThat(problem.column()).isPositive();
				assertThat(problem.problem()).startsWith("invalid YAML: ").contains("expected ',' or ']'");
			});
			assertThat(ex.getMessage()).startsWith(file + ": (line 7, column ").contains("Fix: check the indentation");
		}

		@Test
		void reportsTabIndentation() throws IOException {
			Path file = write(MINIMAL.replace("  path: products.csv", "\tpath: products.csv"));

			JobDefinitionException ex = loadFailure(file);

			assertThat(ex.getMessage()).contains("(line 2, column ").contains("spaces, not tabs");
		}

		@Test
		void reportsAMissingFile() {
			Path file = dir.resolve("no-such-job.yaml");

			JobDefinitionException ex = loadFailure(file);

			assertThat(ex.file()).isEqualTo(file);
			assertThat(ex.getMessage())
				.isEqualTo(file + ": the job file does not exist. Fix: check the file name and its folder");
		}

		@Test
		void reportsAFolder() {
			JobDefinitionException ex = loadFailure(dir);

			assertThat(ex.getMessage()).contains("this is a folder, not a job file");
		}

		@Test
		void reportsAFileThatIsNotUtf8() throws IOException {
			Path file = dir.resolve("latin1.yaml");
			Files.write(file, "name: café\n".getBytes(StandardCharsets.ISO_8859_1));

			JobDefinitionException ex = loadFailure(file);

			assertThat(ex.getMessage()).contains("not UTF-8 text").contains("Fix: save it with the UTF-8 encoding");
		}

		@Test
		void reportsAFileNameThatCannotBeTheDefaultName() throws IOException {
			Path file = dir.resolve("my job.yaml");
			Files.writeString(file, MINIMAL);

			JobDefinitionException ex = loadFailure(file);

			assertThat(ex.yamlPath()).isEqualTo("name");
			assertThat(ex.getMessage()).contains("the file name 'my job' is not a valid job name")
				.contains("add name: my-job at the top level, or rename the file");
		}

	}

	/**
	 * Writes the job file into {@code jobs/}, so that paths going up a folder can be
	 * tested.
	 */
	private Path write(String yaml) throws IOException {
		return JobYaml.write(dir.resolve("jobs"), yaml);
	}

	private static JobDefinitionException loadFailure(Path file) {
		JobDefinitionException ex = catchThrowableOfType(JobDefinitionException.class,
				() -> JobDefinitionLoader.load(file));
		assertThat(ex).as("loading %s should fail", file).isNotNull();
		return ex;
	}

	private static Path resource(String name) throws URISyntaxException {
		return Path.of(Objects.requireNonNull(JobDefinitionLoaderTests.class.getResource(name), name).toURI());
	}

}
