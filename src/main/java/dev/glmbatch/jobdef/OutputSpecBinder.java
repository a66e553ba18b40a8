package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code output} section of a job file to an {@link OutputSpec}, checking its
 * path templates.
 */
final class OutputSpecBinder {

	static final List<String> KEYS = List.of("path", "format", "rejects", "formula-injection", "into-workbook", "bom",
			"documents");

	private static final Map<String, FormulaPolicy> FORMULA_POLICIES = YamlSection.lowerCaseNames(FormulaPolicy.class);

	/**
	 * Sorted, so that the fix listing them reads the same on every run (a {@code Map.of}
	 * has no fixed order).
	 */
	private static final Map<String, Boolean> BOOLEANS = Collections
		.unmodifiableSortedMap(new TreeMap<>(Map.of("true", true, "false", false, "yes", true, "no", false)));

	static final String REJECTS_SUFFIX = "-rejects";

	private static final List<String> PLACEHOLDERS = List.of("job", "date", "input");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Map<String, OutputFormat> FORMATS = YamlSection.lowerCaseNames(OutputFormat.class);

	/**
	 * The inputs into-workbook can copy: Office Open XML workbooks, with or without
	 * macros.
	 */

	private OutputSpecBinder() {
	}

	/**
	 * @param jobName the job's name, or {@code null} when invalid (then any valid name
	 * counts for {@code {job}})
	 * @param inputPath the input file, or {@code null} when invalid or given by a pattern
	 * (then no clash with it is checked, and {@code {input}} stays in the templates)
	 */
	static Bound<OutputSpec> bind(YamlSection output, JobFolder folder, @Nullable String jobName,
			@Nullable Path inputPath) {
		output.allowOnly(KEYS);
		Bound<String> path = output.requiredText("path", "path: ../output/{job}-{date}.csv")
			.then((written) -> template(output, "path", written, folder));
		Bound<OutputFormat> format = output.has("format")
				? output.choice("format", FORMATS, "a supported output format", "format: csv")
				: path.then((template) -> formatFromExtension(template, output));
		Bound<String> rejects = output.has("rejects")
				? output.text("rejects", "rejects: ../output/{job}-{date}-rejects.csv")
					.then((written) -> template(output, "rejects", written, folder))
				: path.map(OutputSpecBinder::defaultRejects);
		Bound<FormulaPolicy> formulaPolicy = output
			.choice("formula-injection", FORMULA_POLICIES, "a formula-injection policy", "formula-injection: quote")
			.orDefault(FormulaPolicy.QUOTE);
		Bound<Boolean> intoWorkbook = output.choice("into-workbook", BOOLEANS, "true or false", "into-workbook: true")
			.orDefault(false);
		Bound<Boolean> bom = output.choice("bom", BOOLEANS, "true or false", "bom: true").orDefault(false);
		Bound<String> documents = DocumentOutputBinder.bind(output, folder);
		if (intoWorkbook.orElse(false) && format.isPresent()) {
			checkIntoWorkbook(output, format.get(), inputPath);
		}
		return output
			.complete(() -> new OutputSpec(forInput(path.get(), inputPath), format.get(),
					forInput(rejects.get(), inputPath), formulaPolicy.get(), intoWorkbook.get(), output.has("format"),
					bom.get(), documents.orNull()))
			.then((spec) -> checkedAgainstInput(output, spec, jobName, inputPath));
	}

	/**
	 * The template with {@code {input}} replaced when there is one input file: then it is
	 * known now.
	 */
	private static String forInput(String template, @Nullable Path inputPath) {
		return (inputPath != null) ? template.replace(OutputSpec.INPUT,
				Extensions.withoutExtension(String.valueOf(inputPath.getFileName()))) : template;
	}

	/**
	 * The spec, unless its output or rejects file can be the input file or each other.
	 */
	private static Bound<OutputSpec> checkedAgainstInput(YamlSection output, OutputSpec spec, @Nullable String jobName,
			@Nullable Path inputPath) {
		String path = spec.path();
		String rejects = spec.rejectPath();
		if (inputPath != null && canName(path, jobName, inputPath)) {
			output.report("path", "the output path is the input file " + inputPath + ", which the job would overwrite",
					"write the results to another file, e.g. path: ../output/{job}-{date}.csv");
		}
		if (rejects.equalsIgnoreCase(path)) {
			output.report("rejects", "the rejects file is the output file",
					"give the rejects a file of their own, or remove rejects to use " + defaultRejects(path));
		}
		else if (inputPath != null && canName(rejects, jobName, inputPath)) {
			output.report("rejects",
					"the rejects path is the input file " + inputPath + ", which the job would overwrite",
					"write the rejects to another file, or remove rejects to use " + defaultRejects(path));
		}
		return output.complete(() -> spec);
	}

	/**
	 * The reject file of an output that names none: beside the output, always CSV, so
	 * {@code out.csv} gets {@code out-rejects.csv} and a workbook or JSONL output
	 * {@code <name>-rejects.csv}.
	 */
	static String defaultRejects(String path) {
		String extension = Extensions.of(path);
		OutputFormat format = OutputFormat.ofPath(path);
		return (format == null || format == OutputFormat.CSV) ? Extensions.insertBeforeExtension(path, REJECTS_SUFFIX)
				: Extensions.withoutExtension(path) + REJECTS_SUFFIX + ".csv";
	}

	/**
	 * The reject file of an output given on the command line: as {@link #defaultRejects}
	 * for a CSV output ({@code x-rejects.csv}), and with the output's extension in its
	 * name otherwise ({@code x-xlsx-rejects.csv}, {@code x-jsonl-rejects.csv}), so that
	 * {@code --output x.csv} and {@code --output x.xlsx} never share one.
	 */
	static String rejectsBeside(String path) {
		String extension = Extensions.of(path);
		OutputFormat format = OutputFormat.ofPath(path);
		if (extension.isEmpty() || format == OutputFormat.CSV) {
			return defaultRejects(path);
		}
		return Extensions.withoutExtension(path) + "-" + extension.toLowerCase(Locale.ROOT) + REJECTS_SUFFIX + ".csv";
	}

	private static void checkIntoWorkbook(YamlSection output, OutputFormat format, @Nullable Path inputPath) {
		if (format != OutputFormat.XLSX) {
			output.report("into-workbook",
					"into-workbook writes an Excel workbook but the output format is "
							+ format.name().toLowerCase(Locale.ROOT),
					"give the output path an .xlsx (or .xlsm) extension, or remove into-workbook");
		}
		else if (inputPath != null && !OutputFormat.XLSX.extensions()
			.contains(Extensions.of(inputPath.toString()).toLowerCase(Locale.ROOT))) {
			output.report("into-workbook",
					"into-workbook copies the input workbook, but the input " + inputPath.getFileName()
							+ " is not an .xlsx or .xlsm workbook",
					"read an .xlsx or .xlsm workbook (save an .xls file as Excel Workbook first), or remove"
							+ " into-workbook");
		}
	}

	/** The absolute template, with its placeholders checked. */
	private static Bound<String> template(YamlSection output, String key, String written, JobFolder folder) {
		YamlNode node = output.nodeOrSelf(key);
		List<JobFileProblem> wrong = new ArrayList<>();
		Matcher placeholder = PLACEHOLDER.matcher(written);
		while (placeholder.find()) {
			String name = placeholder.group(1);
			if (!PLACEHOLDERS.contains(name)) {
				String suggestion = ClosestName.among(name, PLACEHOLDERS);
				wrong.add(output.report(node, "unknown placeholder {" + name + "}",
						((suggestion != null) ? "write {" + suggestion + "}; " : "") + "only {job} (the job name), "
								+ "{date} (the run date, e.g. 2025-01-31) and {input} (the input file's name without"
								+ " extension) are replaced"));
			}
		}
		String rest = PLACEHOLDER.matcher(written).replaceAll("");
		if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
			wrong.add(output.report(node, "a '{' or '}' is not part of a placeholder",
					"write placeholders whole, as {job}, {date} or {input}, and use no other braces"));
		}
		return wrong.isEmpty() ? folder.resolve(written, node, output).map(Path::toString) : Bound.invalid(wrong);
	}

	private static Bound<OutputFormat> formatFromExtension(String path, YamlSection output) {
		OutputFormat format = OutputFormat.ofPath(path);
		if (format == null) {
			return output.invalid("path",
					"cannot tell the output format from " + OutputFormat.describeExtensionOf(path),
					"add format: csv under output (supported formats: " + String.join(", ", FORMATS.keySet())
							+ "), or give the file one of the extensions " + OutputFormat.describeExtensions());
		}
		return Bound.of(format);
	}

	/**
	 * Whether the template can expand to {@code file} on some run date. Compared ignoring
	 * case, because on Windows and macOS a name differing only in case is the same file,
	 * and a false alarm costs less than an overwritten input.
	 */
	private static boolean canName(String template, @Nullable String jobName, Path file) {
		StringBuilder regex = new StringBuilder();
		Matcher placeholder = PLACEHOLDER.matcher(template);
		int literalStart = 0;
		while (placeholder.find()) {
			regex.append(Pattern.quote(template.substring(literalStart, placeholder.start())));
			boolean isJob = placeholder.group(1).equals("job");
			regex.append(isJob ? ((jobName != null) ? Pattern.quote(jobName) : JobDefinitionBinder.NAME_PATTERN)
					: DATE.pattern());
			literalStart = placeholder.end();
		}
		regex.append(Pattern.quote(template.substring(literalStart)));
		return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE).matcher(file.toString()).matches();
	}

}
