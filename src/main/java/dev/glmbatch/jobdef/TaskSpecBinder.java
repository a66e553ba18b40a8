package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.jobdef.YamlSection.ListRule;

/**
 * Binds the {@code task} section of a job file to the {@link TaskSpec} its {@code type}
 * names.
 */
final class TaskSpecBinder {

	static final String GLOSSARY_PATH = "task.glossary";

	static final List<String> TYPES = List.of("translate", "classify", "summarise", "summarize", "generate", "extract");

	static final List<String> CLASSIFY_KEYS = List.of("type", "columns", "labels", "multi-label", "examples",
			"instructions");

	static final List<String> SUMMARISE_KEYS = List.of("type", "column", "path-column", "base-folder", "words",
			"bullets", "language", "style", "section-tokens", DocumentLimitsBinder.MAX_FILE_MB,
			DocumentLimitsBinder.MAX_PAGES, DocumentLimitsBinder.MAX_CHARS, DocumentLimitsBinder.MAX_SECONDS,
			DocumentLimitsBinder.MAX_MEMORY_MB);

	static final List<String> GENERATE_KEYS = List.of("type", "prompt", SchemaText.KEY, SchemaText.FILE_KEY,
			"max-words");

	static final List<String> EXTRACT_KEYS = List.of("type", "columns", SchemaText.KEY, SchemaText.FILE_KEY,
			"instructions");

	static final int DEFAULT_SUMMARY_WORDS = 80;

	static final int DEFAULT_SECTION_TOKENS = 6000;

	/** {@code {{ name }}}; the name is everything between the braces, trimmed. */
	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]*)\\}\\}");

	static final List<String> TRANSLATE_KEYS = List.of("type", "columns", "to", "from", "glossary", "do-not-translate",
			"tone");

	/** The column of a folder input's rows that names each file. */
	private static final String FOLDER_COLUMN = "path";

	private TaskSpecBinder() {
	}

	/**
	 * @param inputFolder the job's folder input: the folder; no value when the input is
	 * not a folder; invalid when the folder input is (its problems were reported beside
	 * this section)
	 */
	static Bound<TaskSpec> bind(YamlSection task, JobFolder folder, Bound<Path> inputFolder) {
		// the allowed keys depend on the type, so nothing else can be checked without one
		return task.requiredText("type", "type: translate").then((type) -> {
			String known = type.strip().toLowerCase(Locale.ROOT);
			if (!TYPES.contains(known)) {
				return task.invalid("type", "'" + type + "' is not a supported task type",
						"use one of: " + String.join(", ", TYPES));
			}
			return switch (known) {
				case "classify" -> classify(task);
				case "summarise", "summarize" -> summarise(task, folder, inputFolder);
				case "generate" -> generate(task, folder);
				case "extract" -> extract(task, folder);
				default -> translate(task);
			};
		});
	}

	private static Bound<TaskSpec> translate(YamlSection task) {
		task.allowOnly(TRANSLATE_KEYS);
		// column names are matched exactly against the header; language names are not
		// case-sensitive
		Bound<List<String>> columns = task.texts("columns", "columns: [name, description]", ListRule.REQUIRED,
				ListRule.UNIQUE);
		Bound<List<String>> to = task.texts("to", "to: [fr, de, ja]", ListRule.REQUIRED, ListRule.UNIQUE_IGNORING_CASE);
		Bound<String> from = task.text("from", "from: en");
		Bound<Map<String, String>> glossary = task.textMap("glossary", "glossary: {\"Smart Hub\": \"Smart Hub\"}");
		Bound<List<String>> doNotTranslate = task.texts("do-not-translate", "do-not-translate: [ACME, USB-C]");
		Bound<String> tone = task.text("tone", "tone: neutral and concise");
		return task.complete(() -> new TranslateSpec(columns.get(), to.get(), stripped(from), glossary.get(),
				doNotTranslate.get(), stripped(tone)));
	}

	private static Bound<TaskSpec> classify(YamlSection task) {
		task.allowOnly(CLASSIFY_KEYS);
		Bound<List<String>> columns = task.texts("columns", "columns: [subject, body]", ListRule.REQUIRED,
				ListRule.UNIQUE);
		Bound<List<ClassifySpec.Label>> labels = labels(task);
		Bound<Boolean> multiLabel = task.flag("multi-label", false);
		Bound<String> instructions = task.text("instructions", "instructions: pick the customer's main concern");
		Bound<List<ClassifySpec.Example>> examples = labels.then((known) -> examples(task, known));
		return task.complete(() -> new ClassifySpec(columns.get(), labels.get(), multiLabel.get(), examples.get(),
				stripped(instructions)));
	}

	private static Bound<List<ClassifySpec.Label>> labels(YamlSection task) {
		String example = "labels: {billing: invoices and refunds, technical: errors and outages}";
		Bound<List<ClassifySpec.Label>> written = (task.node("labels") instanceof YamlMap)
				? task.textMap("labels", example)
					.map((described) -> described.entrySet()
						.stream()
						.map((entry) -> new ClassifySpec.Label(entry.getKey().strip(), entry.getValue().strip()))
						.toList())
				: task
					.texts("labels", "labels: [billing, technical, account]", ListRule.REQUIRED,
							ListRule.UNIQUE_IGNORING_CASE)
					.map((names) -> names.stream().map((name) -> new ClassifySpec.Label(name.strip(), null)).toList());
		return written.then((labels) -> {
			Set<String> seen = new HashSet<>();
			for (ClassifySpec.Label label : labels) {
				if (!seen.add(label.name().toLowerCase(Locale.ROOT))) {
					return task.invalid("labels", "the label '" + label.name() + "' is listed twice",
							"remove one of them (labels are compared ignoring case)");
				}
				if (!label.name().matches("[\\p{L}\\p{N}][\\p{L}\\p{N} _./&+-]{0,63}")) {
					return task.invalid("labels", "'" + label.name() + "' is not a usable label",
							"use letters, digits, spaces and - _ . / & +, at most 64 characters, starting with a "
									+ "letter or digit");
				}
			}
			if (labels.size() < 2) {
				return task.invalid("labels", "a classification needs at least two labels, found " + labels.size(),
						"list every allowed label, e.g. " + example);
			}
			return Bound.of(labels);
		});
	}

	private static Bound<List<ClassifySpec.Example>> examples(YamlSection task, List<ClassifySpec.Label> labels) {
		String example = "examples: [{text: \"I was charged twice\", label: billing}]";
		if (!task.has("examples")) {
			return Bound.of(List.of());
		}
		if (!(task.node("examples") instanceof YamlList list)) {
			YamlNode node = task.node("examples");
			return task.invalid("examples",
					"expected a list of examples but found " + ((node != null) ? node.describe() : "nothing"),
					"write e.g. " + example);
		}
		Map<String, String> byLowerCase = new HashMap<>();
		labels.forEach((label) -> byLowerCase.put(label.name().toLowerCase(Locale.ROOT), label.name()));
		List<JobFileProblem> wrong = new ArrayList<>();
		List<ClassifySpec.Example> examples = new ArrayList<>();
		for (YamlNode item : list.items()) {
			Bound<ClassifySpec.Example> bound = (item instanceof YamlMap map) ? example(task.within(map), byLowerCase)
					: task.invalid(item, "expected an example with text and label but found " + item.describe(),
							"write e.g. " + example);
			wrong.addAll(bound.problems());
			ClassifySpec.Example value = bound.orNull();
			if (value != null) {
				examples.add(value);
			}
		}
		return wrong.isEmpty() ? Bound.of(List.copyOf(examples)) : Bound.invalid(wrong);
	}

	private static Bound<ClassifySpec.Example> example(YamlSection example, Map<String, String> labelsByLowerCase) {
		example.allowOnly(List.of("text", "label", "labels"));
		Bound<String> text = example.requiredText("text", "text: \"I was charged twice\"");
		Bound<List<String>> written = example.has("labels")
				? example.texts("labels", "labels: [billing]", ListRule.REQUIRED, ListRule.UNIQUE_IGNORING_CASE)
				: example.requiredText("label", "label: billing").map(List::of);
		// the labels are looked up only in a complete example
		return text.then((value) -> written.then((names) -> exampleLabels(example, names, labelsByLowerCase))
			.then((names) -> example.complete(() -> new ClassifySpec.Example(value.strip(), names))));
	}

	private static Bound<List<String>> exampleLabels(YamlSection example, List<String> written,
			Map<String, String> labelsByLowerCase) {
		List<JobFileProblem> wrong = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (String label : written) {
			String name = labelsByLowerCase.get(label.strip().toLowerCase(Locale.ROOT));
			if (name == null) {
				String suggestion = ClosestName.among(label.strip(), List.copyOf(labelsByLowerCase.values()));
				wrong.add(example.report(example.has("labels") ? "labels" : "label",
						"the example's label '" + label + "' is not in task.labels",
						(suggestion != null) ? "did you mean '" + suggestion + "'?"
								: "use one of: " + String.join(", ", labelsByLowerCase.values())));
			}
			else {
				names.add(name);
			}
		}
		return wrong.isEmpty() ? Bound.of(List.copyOf(names)) : Bound.invalid(wrong);
	}

	private static Bound<TaskSpec> summarise(YamlSection task, JobFolder folder, Bound<Path> inputFolder) {
		task.allowOnly(SUMMARISE_KEYS);
		boolean folderInput = inputFolder.isPresent() || !inputFolder.isValid();
		Bound<String> column;
		Bound<Path> base;
		if (folderInput) {
			for (String key : List.of("column", "path-column", "base-folder")) {
				if (task.has(key)) {
					task.report(key, "the input is a folder, whose rows are its files, so " + key + " does not apply",
							"remove " + key + ": each file of the folder is summarised");
				}
			}
			column = Bound.of(FOLDER_COLUMN);
			base = inputFolder;
		}
		else {
			boolean textColumn = task.has("column");
			boolean pathColumn = task.has("path-column");
			if (textColumn == pathColumn) {
				return task.invalid(textColumn ? "path-column" : "column",
						textColumn ? "both column and path-column are given"
								: "neither column nor path-column is given",
						"write column: <name> for a column holding the text, or path-column: <name> with base-folder: "
								+ "<folder> for a column holding document paths");
			}
			column = textColumn ? task.requiredText("column", "column: body")
					: task.requiredText("path-column", "path-column: file");
			base = pathColumn
					? task.requiredText("base-folder", "base-folder: ../input/documents")
						.then((written) -> folder.resolve(written, task.nodeOrSelf("base-folder"), task))
					: Bound.absent();
			if (!pathColumn) {
				DocumentLimitsBinder.refuseForText(task);
				if (task.has("base-folder")) {
					task.report("base-folder", "base-folder only applies to path-column",
							"remove it, or use path-column: <name> instead of column");
				}
			}
		}
		Bound<DocumentLimits> limits = DocumentLimitsBinder.bind(task);
		if (task.has("words") && task.has("bullets")) {
			task.report("bullets", "both words and bullets are given",
					"keep one: words: 80 for prose, or bullets: 3 for a list");
		}
		Bound<Integer> words = task.integer("words", 5, 2000, DEFAULT_SUMMARY_WORDS);
		Bound<Integer> bullets = task.integer("bullets", 1, 50, 3);
		Bound<String> language = task.text("language", "language: en");
		Bound<String> style = task.text("style", "style: neutral, for a busy manager");
		Bound<Integer> sectionTokens = task.integer("section-tokens", 500, 100_000, DEFAULT_SECTION_TOKENS);
		// an invalid folder input was reported beside this section, so it is checked
		// apart
		return base.isValid() ? task.complete(() -> new SummariseSpec(column.get(),
				base.map((path) -> new SummariseSpec.DocumentFolder(path, limits.get())).orNull(),
				task.has("bullets") ? new SummariseSpec.Length(bullets.get(), true)
						: new SummariseSpec.Length(words.get(), false),
				stripped(language), stripped(style), sectionTokens.get())) : Bound.invalid(base.problems());
	}

	private static Bound<TaskSpec> generate(YamlSection task, JobFolder folder) {
		task.allowOnly(GENERATE_KEYS);
		Bound<String> template = task.requiredText("prompt", "prompt: \"Write a one-line teaser for {{name}}\"");
		Bound<List<String>> columns = template.then((prompt) -> placeholders(prompt, task.nodeOrSelf("prompt"), task));
		Bound<SchemaText.Schema> schema = SchemaText.bind(task, folder);
		Bound<Integer> maxWords = task.has("max-words") ? task.integer("max-words", 1, 20_000, 200) : Bound.absent();
		return task.complete(
				() -> new GenerateSpec(template.get(), columns.get(), schema.map(SchemaText.Schema::json).orNull(),
						schema.map(SchemaText.Schema::fields).orElse(List.of()), maxWords.orNull()));
	}

	private static Bound<TaskSpec> extract(YamlSection task, JobFolder folder) {
		task.allowOnly(EXTRACT_KEYS);
		Bound<List<String>> columns = task.texts("columns", "columns: [description]", ListRule.REQUIRED,
				ListRule.UNIQUE);
		if (!SchemaText.present(task)) {
			// reports the missing schema with an example
			task.requiredText(SchemaText.KEY, "schema: {type: object, properties: {vendor: {type: string}}}");
		}
		Bound<SchemaText.Schema> schema = SchemaText.bind(task, folder);
		Bound<String> instructions = task.text("instructions", "instructions: Extract the invoice fields.");
		return task.complete(() -> new ExtractSpec(columns.get(), schema.get().json(), schema.get().fields(),
				stripped(instructions)));
	}

	private static Bound<List<String>> placeholders(String template, YamlNode at, YamlSection task) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		Set<String> names = new LinkedHashSet<>();
		List<JobFileProblem> wrong = new ArrayList<>();
		while (matcher.find()) {
			String name = matcher.group(1).strip();
			if (name.isEmpty()) {
				wrong.add(task.report(at, "the placeholder '" + matcher.group() + "' names no column",
						"write the column name between the braces, e.g. {{name}}"));
			}
			else {
				names.add(name);
			}
		}
		String rest = matcher.replaceAll("");
		if (rest.contains("{{") || rest.contains("}}")) {
			wrong.add(task.report(at, "the prompt has an unclosed or stray '{{' or '}}'",
					"write each placeholder as {{column}}, with no braces inside"));
		}
		if (names.isEmpty() && wrong.isEmpty()) {
			wrong
				.add(task.report(at, "the prompt has no {{column}} placeholder, so every row would get the same answer",
						"name at least one input column, e.g. Write a teaser for {{name}}"));
		}
		return wrong.isEmpty() ? Bound.of(List.copyOf(names)) : Bound.invalid(wrong);
	}

	/** An optional text without its surrounding blanks; {@code null} when absent. */
	private static @Nullable String stripped(Bound<String> text) {
		return text.map(String::strip).orNull();
	}

}
