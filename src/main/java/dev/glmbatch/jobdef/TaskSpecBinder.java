package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/** Binds the {@code task} section of a job file to the {@link TaskSpec} its {@code type} names. */
final class TaskSpecBinder {

	static final String GLOSSARY_PATH = "task.glossary";

	static final List<String> TYPES = List.of("translate", "classify", "summarise", "summarize", "generate",
			"extract");

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

	static final List<String> TRANSLATE_KEYS = List.of("type", "columns", "to", "from", "glossary",
			"do-not-translate", "tone");

	private TaskSpecBinder() {
	}

	static @Nullable TaskSpec bind(YamlSection task, JobFolder folder, Problems problems) {
		return bind(task, folder, false, null, problems);
	}

	/**
	 * @param folderInput whether the job's input is a folder of documents
	 * @param inputFolder that folder, or {@code null} when it is not one or is invalid
	 */
	static @Nullable TaskSpec bind(YamlSection task, JobFolder folder, boolean folderInput, @Nullable Path inputFolder,
			Problems problems) {
		String type = task.text("type", true, "type: translate");
		if (type == null) {
			// the allowed keys depend on the type, so nothing else can be checked
			return null;
		}
		if (!TYPES.contains(type.strip().toLowerCase(Locale.ROOT))) {
			problems.add(task.nodeOrSelf("type"), "'" + type + "' is not a supported task type",
					"use one of: " + String.join(", ", TYPES));
			return null;
		}
		return switch (type.strip().toLowerCase(Locale.ROOT)) {
			case "classify" -> classify(task, problems);
			case "summarise", "summarize" -> summarise(task, folder, folderInput, inputFolder, problems);
			case "generate" -> generate(task, folder, problems);
			case "extract" -> extract(task, folder, problems);
			default -> translate(task, problems);
		};
	}

	private static @Nullable TranslateSpec translate(YamlSection task, Problems problems) {
		int before = problems.count();
		task.allowOnly(TRANSLATE_KEYS);
		// column names are matched exactly against the header; language names are not case-sensitive
		List<String> columns = task.texts("columns", true, true, false, "columns: [name, description]");
		List<String> to = task.texts("to", true, true, true, "to: [fr, de, ja]");
		String from = task.text("from", false, "from: en");
		Map<String, String> glossary = task.textMap("glossary", "glossary: {\"Smart Hub\": \"Smart Hub\"}");
		List<String> doNotTranslate = task.texts("do-not-translate", false, false, false,
				"do-not-translate: [ACME, USB-C]");
		String tone = task.text("tone", false, "tone: neutral and concise");
		if (problems.count() > before || columns == null || to == null || glossary == null
				|| doNotTranslate == null) {
			return null;
		}
		return new TranslateSpec(columns, to, (from != null) ? from.strip() : null, glossary, doNotTranslate,
				(tone != null) ? tone.strip() : null);
	}

	private static @Nullable ClassifySpec classify(YamlSection task, Problems problems) {
		int before = problems.count();
		task.allowOnly(CLASSIFY_KEYS);
		List<String> columns = task.texts("columns", true, true, false, "columns: [subject, body]");
		List<ClassifySpec.Label> labels = labels(task, problems);
		Boolean multiLabel = flag(task, "multi-label", false, problems);
		String instructions = task.text("instructions", false, "instructions: pick the customer's main concern");
		List<ClassifySpec.Example> examples = (labels != null) ? examples(task, labels, problems) : null;
		if (problems.count() > before || columns == null || labels == null || multiLabel == null
				|| examples == null) {
			return null;
		}
		return new ClassifySpec(columns, labels, multiLabel, examples,
				(instructions != null) ? instructions.strip() : null);
	}

	private static @Nullable List<ClassifySpec.Label> labels(YamlSection task, Problems problems) {
		String example = "labels: {billing: invoices and refunds, technical: errors and outages}";
		YamlNode node = task.node("labels");
		List<ClassifySpec.Label> labels = new ArrayList<>();
		if (node instanceof YamlMap) {
			Map<String, String> described = task.textMap("labels", example);
			if (described == null) {
				return null;
			}
			described.forEach((name, description) -> labels.add(new ClassifySpec.Label(name.strip(),
					description.strip())));
		}
		else {
			List<String> names = task.texts("labels", true, true, true, "labels: [billing, technical, account]");
			if (names == null) {
				return null;
			}
			names.forEach(name -> labels.add(new ClassifySpec.Label(name.strip(), null)));
		}
		Set<String> seen = new HashSet<>();
		for (ClassifySpec.Label label : labels) {
			if (!seen.add(label.name().toLowerCase(Locale.ROOT))) {
				problems.add(task.nodeOrSelf("labels"), "the label '" + label.name() + "' is listed twice",
						"remove one of them (labels are compared ignoring case)");
				return null;
			}
			if (!label.name().matches("[\\p{L}\\p{N}][\\p{L}\\p{N} _./&+-]{0,63}")) {
				problems.add(task.nodeOrSelf("labels"), "'" + label.name() + "' is not a usable label",
						"use letters, digits, spaces and - _ . / & +, at most 64 characters, starting with a letter "
								+ "or digit");
				return null;
			}
		}
		if (labels.size() < 2) {
			problems.add(task.nodeOrSelf("labels"), "a classification needs at least two labels, found "
					+ labels.size(), "list every allowed label, e.g. " + example);
			return null;
		}
		return labels;
	}

	private static @Nullable List<ClassifySpec.Example> examples(YamlSection task, List<ClassifySpec.Label> labels,
			Problems problems) {
		String example = "examples: [{text: \"I was charged twice\", label: billing}]";
		if (!task.has("examples")) {
			return List.of();
		}
		YamlNode node = task.node("examples");
		if (!(node instanceof YamlList list)) {
			problems.add(task.nodeOrSelf("examples"), "expected a list of examples but found "
					+ ((node != null) ? node.describe() : "nothing"), "write e.g. " + example);
			return null;
		}
		Map<String, String> byLowerCase = new HashMap<>();
		labels.forEach(label -> byLowerCase.put(label.name().toLowerCase(Locale.ROOT), label.name()));
		int before = problems.count();
		List<ClassifySpec.Example> examples = new ArrayList<>();
		for (YamlNode item : list.items()) {
			if (!(item instanceof YamlMap map)) {
				problems.add(item, "expected an example with text and label but found " + item.describe(),
						"write e.g. " + example);
				continue;
			}
			YamlSection section = new YamlSection(map, problems);
			section.allowOnly(List.of("text", "label", "labels"));
			String text = section.text("text", true, "text: \"I was charged twice\"");
			List<String> written = section.has("labels")
					? section.texts("labels", true, true, true, "labels: [billing]")
					: Optional.ofNullable(section.text("label", true, "label: billing")).map(List::of).orElse(null);
			if (text == null || written == null) {
				continue;
			}
			List<String> names = new ArrayList<>();
			for (String label : written) {
				String name = byLowerCase.get(label.strip().toLowerCase(Locale.ROOT));
				if (name == null) {
					String suggestion = ClosestName.among(label.strip(), List.copyOf(byLowerCase.values()));
					problems.add(section.nodeOrSelf(section.has("labels") ? "labels" : "label"),
							"the example's label '" + label + "' is not in task.labels",
							(suggestion != null) ? "did you mean '" + suggestion + "'?"
									: "use one of: " + String.join(", ", byLowerCase.values()));
				}
				else {
					names.add(name);
				}
			}
			examples.add(new ClassifySpec.Example(text.strip(), names));
		}
		return (problems.count() > before) ? null : examples;
	}

	private static @Nullable SummariseSpec summarise(YamlSection task, JobFolder folder, boolean folderInput,
			@Nullable Path inputFolder, Problems problems) {
		int before = problems.count();
		task.allowOnly(SUMMARISE_KEYS);
		boolean textColumn = task.has("column");
		boolean pathColumn = task.has("path-column");
		DocumentLimits limits = DocumentLimitsBinder.bind(task, folderInput || pathColumn, problems);
		if (folderInput) {
			for (String key : List.of("column", "path-column", "base-folder")) {
				if (task.has(key)) {
					problems.add(task.nodeOrSelf(key), "the input is a folder, whose rows are its files, so " + key
							+ " does not apply", "remove " + key + ": each file of the folder is summarised");
				}
			}
		}
		else if (textColumn == pathColumn) {
			problems.add(task.nodeOrSelf(textColumn ? "path-column" : "column"),
					textColumn ? "both column and path-column are given" : "neither column nor path-column is given",
					"write column: <name> for a column holding the text, or path-column: <name> with base-folder: "
							+ "<folder> for a column holding document paths");
			return null;
		}
		String column = folderInput ? "path" : textColumn ? task.text("column", true, "column: body")
				: task.text("path-column", true, "path-column: file");
		SummariseSpec.DocumentFolder documents = null;
		if (folderInput) {
			documents = (inputFolder != null && limits != null) ? new SummariseSpec.DocumentFolder(inputFolder, limits)
					: null;
		}
		else if (pathColumn) {
			String base = task.text("base-folder", true, "base-folder: ../input/documents");
			Path resolved = (base != null) ? folder.resolve(base, task.nodeOrSelf("base-folder"), problems) : null;
			if (resolved != null && limits != null) {
				documents = new SummariseSpec.DocumentFolder(resolved, limits);
			}
		}
		else if (task.has("base-folder")) {
			problems.add(task.nodeOrSelf("base-folder"), "base-folder only applies to path-column",
					"remove it, or use path-column: <name> instead of column");
		}
		if (task.has("words") && task.has("bullets")) {
			problems.add(task.nodeOrSelf("bullets"), "both words and bullets are given",
					"keep one: words: 80 for prose, or bullets: 3 for a list");
		}
		Integer words = task.integer("words", 5, 2000, DEFAULT_SUMMARY_WORDS);
		Integer bullets = task.integer("bullets", 1, 50, 3);
		String language = task.text("language", false, "language: en");
		String style = task.text("style", false, "style: neutral, for a busy manager");
		Integer sectionTokens = task.integer("section-tokens", 500, 100_000, DEFAULT_SECTION_TOKENS);
		if (problems.count() > before || column == null || words == null || bullets == null
				|| sectionTokens == null || ((pathColumn || folderInput) && documents == null)) {
			return null;
		}
		SummariseSpec.Length length = task.has("bullets") ? new SummariseSpec.Length(bullets, true)
				: new SummariseSpec.Length(words, false);
		return new SummariseSpec(column, documents, length, (language != null) ? language.strip() : null,
				(style != null) ? style.strip() : null, sectionTokens);
	}

	private static @Nullable GenerateSpec generate(YamlSection task, JobFolder folder, Problems problems) {
		int before = problems.count();
		task.allowOnly(GENERATE_KEYS);
		String template = task.text("prompt", true, "prompt: \"Write a one-line teaser for {{name}}\"");
		List<String> columns = (template != null) ? placeholders(template, task.nodeOrSelf("prompt"), problems)
				: null;
		SchemaText.Bound schema = SchemaText.bind(task, folder, problems);
		Integer maxWords = task.has("max-words") ? task.integer("max-words", 1, 20_000, 200) : null;
		if (problems.count() > before || template == null || columns == null
				|| (SchemaText.present(task) && schema == null) || (task.has("max-words") && maxWords == null)) {
			return null;
		}
		return new GenerateSpec(template, columns, (schema != null) ? schema.json() : null,
				(schema != null) ? schema.fields() : List.of(), maxWords);
	}

	private static @Nullable ExtractSpec extract(YamlSection task, JobFolder folder, Problems problems) {
		int before = problems.count();
		task.allowOnly(EXTRACT_KEYS);
		List<String> columns = task.texts("columns", true, true, false, "columns: [description]");
		if (!SchemaText.present(task)) {
			// reports the missing schema with an example
			task.text(SchemaText.KEY, true, "schema: {type: object, properties: {vendor: {type: string}}}");
		}
		SchemaText.Bound schema = SchemaText.bind(task, folder, problems);
		String instructions = task.text("instructions", false, "instructions: Extract the invoice fields.");
		if (problems.count() > before || columns == null || schema == null) {
			return null;
		}
		return new ExtractSpec(columns, schema.json(), schema.fields(),
				(instructions != null) ? instructions.strip() : null);
	}

	private static @Nullable List<String> placeholders(String template, YamlNode at, Problems problems) {
		Matcher matcher = PLACEHOLDER.matcher(template);
		Set<String> names = new LinkedHashSet<>();
		int before = problems.count();
		while (matcher.find()) {
			String name = matcher.group(1).strip();
			if (name.isEmpty()) {
				problems.add(at, "the placeholder '" + matcher.group() + "' names no column",
						"write the column name between the braces, e.g. {{name}}");
			}
			else {
				names.add(name);
			}
		}
		String rest = matcher.replaceAll("");
		if (rest.contains("{{") || rest.contains("}}")) {
			problems.add(at, "the prompt has an unclosed or stray '{{' or '}}'",
					"write each placeholder as {{column}}, with no braces inside");
		}
		if (names.isEmpty() && problems.count() == before) {
			problems.add(at, "the prompt has no {{column}} placeholder, so every row would get the same answer",
					"name at least one input column, e.g. Write a teaser for {{name}}");
		}
		return (problems.count() > before) ? null : List.copyOf(names);
	}

	/** {@code true}/{@code false}; {@code whenAbsent} when absent, {@code null} after reporting anything else. */
	private static @Nullable Boolean flag(YamlSection task, String key, boolean whenAbsent, Problems problems) {
		if (!task.has(key)) {
			return whenAbsent;
		}
		YamlScalar scalar = task.scalar(key, key + ": true");
		if (scalar == null) {
			return null;
		}
		if (scalar.kind() != YamlScalar.Kind.BOOLEAN) {
			problems.add(scalar, "expected true or false but found " + scalar.describe(),
					"write " + key + ": true or " + key + ": false");
			return null;
		}
		return Boolean.parseBoolean(scalar.text().strip());
	}

}
