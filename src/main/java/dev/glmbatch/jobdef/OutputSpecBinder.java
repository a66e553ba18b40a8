package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Binds the {@code output} section of a job file to an {@link OutputSpec}, checking its path templates.
 */
final class OutputSpecBinder {

	static final List<String> KEYS = List.of("path", "format", "rejects", "formula-injection", "into-workbook",
			"bom", "documents");

	private static final Map<String, FormulaPolicy> FORMULA_POLICIES = YamlSection.lowerCaseNames(FormulaPolicy.class);

	private static final Map<String, Boolean> BOOLEANS = Map.of("true", true, "false", false, "yes", true, "no",
			false);

	static final String REJECTS_SUFFIX = "-rejects";

	private static final List<String> PLACEHOLDERS = List.of("job", "date", "input");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Map<String, OutputFormat> FORMATS = YamlSection.lowerCaseNames(OutputFormat.class);

	/** The inputs into-workbook can copy: Office Open XML workbooks, with or without macros. */

	private OutputSpecBinder() {
	}

	/**
	 * @param jobName the job's name, or {@code null} when invalid (then any valid name counts for {@code {job}})
	 * @param inputPath the input file, or {@code null} when invalid or given by a pattern (then no clash with it is
	 * checked, and {@code {input}} stays in the templates)
	 */
	static @Nullable OutputSpec bind(YamlSection output, JobFolder folder, @Nullable String jobName,
			@Nullable Path inputPath, Problems problems) {
		int before = problems.count();
		output.allowOnly(KEYS);
		String path = template(output, "path", true, "path: ../output/{job}-{date}.csv", folder, problems);
		OutputFormat format = output.has("format")
				? output.choice("format", FORMATS, null, "a supported output format", "format: csv")
				: formatFromExtension(path, output, problems);
		String rejects = output.has("rejects")
				? template(output, "rejects", false, "rejects: ../output/{job}-{date}-rejects.csv", folder, problems)
				: (path != null) ? defaultRejects(path) : null;
		FormulaPolicy formulaPolicy = output.choice("formula-injection", FORMULA_POLICIES, FormulaPolicy.QUOTE,
				"a formula-injection policy", "formula-injection: quote");
		Boolean intoWorkbook = output.choice("into-workbook", BOOLEANS, false, "true or false", "into-workbook: true");
		Boolean bom = output.choice("bom", BOOLEANS, false, "true or false", "bom: true");
		if (Boolean.TRUE.equals(intoWorkbook) && format != null) {
			checkIntoWorkbook(output, format, inputPath, problems);
		}
		if (problems.count() > before || path == null || format == null || rejects == null || formulaPolicy == null
				|| intoWorkbook == null || bom == null) {
			return null;
		}
		if (inputPath != null) {
			// one input file: {input} is known now
			String base = Extensions.withoutExtension(String.valueOf(inputPath.getFileName()));
			path = path.replace(OutputSpec.INPUT, base);
			rejects = rejects.replace(OutputSpec.INPUT, base);
		}
		if (inputPath != null && canName(path, jobName, inputPath)) {
			problems.add(output.nodeOrSelf("path"),
					"the output path is the input file " + inputPath + ", which the job would overwrite",
					"write the results to another file, e.g. path: ../output/{job}-{date}.csv");
		}
		if (rejects.equalsIgnoreCase(path)) {
			problems.add(output.nodeOrSelf("rejects"), "the rejects file is the output file",
					"give the rejects a file of their own, or remove rejects to use "
							+ defaultRejects(path));
		}
		else if (inputPath != null && canName(rejects, jobName, inputPath)) {
			problems.add(output.nodeOrSelf("rejects"),
					"the rejects path is the input file " + inputPath + ", which the job would overwrite",
					"write the rejects to another file, or remove rejects to use "
							+ defaultRejects(path));
		}
		String documents = DocumentOutputBinder.bind(output, folder, problems);
		return (problems.count() > before) ? null : new OutputSpec(path, format, rejects, formulaPolicy, intoWorkbook,
				output.has("format"), bom, documents);
	}

	/**
	 * The reject file of an output that names none: beside the output, always CSV, so {@code out.csv} gets
	 * {@code out-rejects.csv} and a workbook or JSONL output {@code <name>-rejects.csv}.
	 */
	static String defaultRejects(String path) {
		String extension = Extensions.of(path);
		OutputFormat format = OutputFormat.ofPath(path);
		return (format == null || format == OutputFormat.CSV) ? Extensions.insertBeforeExtension(path, REJECTS_SUFFIX)
				: Extensions.withoutExtension(path) + REJECTS_SUFFIX + ".csv";
	}

	/**
	 * The reject file of an output given on the command line: as {@link #defaultRejects} for a CSV output
	 * ({@code x-rejects.csv}), and with the output's extension in its name otherwise ({@code x-xlsx-rejects.csv},
	 * {@code x-jsonl-rejects.csv}), so that {@code --output x.csv} and {@code --output x.xlsx} never share one.
	 */
	static String rejectsBeside(String path) {
		String extension = Extensions.of(path);
		OutputFormat format = OutputFormat.ofPath(path);
		if (extension.isEmpty() || format == OutputFormat.CSV) {
			return defaultRejects(path);
		}
		return Extensions.withoutExtension(path) + "-" + extension.toLowerCase(Locale.ROOT) + REJECTS_SUFFIX + ".csv";
	}

	private static void checkIntoWorkbook(YamlSection output, OutputFormat format, @Nullable Path inputPath,
			Problems problems) {
		if (format != OutputFormat.XLSX) {
			problems.add(output.nodeOrSelf("into-workbook"),
					"into-workbook writes an Excel workbook but the output format is " + format.name().toLowerCase(Locale.ROOT),
					"give the output path an .xlsx (or .xlsm) extension, or remove into-workbook");
		}
		else if (inputPath != null
				&& !OutputFormat.XLSX.extensions().contains(Extensions.of(inputPath.toString()).toLowerCase(Locale.ROOT))) {
			problems.add(output.nodeOrSelf("into-workbook"),
					"into-workbook copies the input workbook, but the input " + inputPath.getFileName()
							+ " is not an .xlsx or .xlsm workbook",
					"read an .xlsx or .xlsm workbook (save an .xls file as Excel Workbook first), or remove"
							+ " into-workbook");
		}
	}

	/** The absolute template, with its placeholders checked; {@code null} when absent or invalid. */
	private static @Nullable String template(YamlSection output, String key, boolean required, String example,
			JobFolder folder, Problems problems) {
		String written = output.text(key, required, example);
		if (written == null) {
			return null;
		}
		YamlNode node = output.nodeOrSelf(key);
		int before = problems.count();
		Matcher placeholder = PLACEHOLDER.matcher(written);
		while (placeholder.find()) {
			String name = placeholder.group(1);
			if (!PLACEHOLDERS.contains(name)) {
				String suggestion = ClosestName.among(name, PLACEHOLDERS);
				problems.add(node, "unknown placeholder {" + name + "}",
						((suggestion != null) ? "write {" + suggestion + "}; " : "") + "only {job} (the job name), "
								+ "{date} (the run date, e.g. 2025-01-31) and {input} (the input file's name without"
								+ " extension) are replaced");
			}
		}
		String rest = PLACEHOLDER.matcher(written).replaceAll("");
		if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) {
			problems.add(node, "a '{' or '}' is not part of a placeholder",
					"write placeholders whole, as {job}, {date} or {input}, and use no other braces");
		}
		if (problems.count() > before) {
			return null;
		}
		Path resolved = folder.resolve(written, node, problems);
		return (resolved != null) ? resolved.toString() : null;
	}

	private static @Nullable OutputFormat formatFromExtension(@Nullable String path, YamlSection output,
			Problems problems) {
		if (path == null) {
			return null;
		}
		OutputFormat format = OutputFormat.ofPath(path);
		if (format == null) {
			problems.add(output.nodeOrSelf("path"), "cannot tell the output format from " + OutputFormat.describeExtensionOf(path),
					"add format: csv under output (supported formats: " + String.join(", ", FORMATS.keySet())
							+ "), or give the file one of the extensions " + OutputFormat.describeExtensions());
		}
		return format;
	}

	/**
	 * Whether the template can expand to {@code file} on some run date. Compared ignoring case, because on Windows
	 * and macOS a name differing only in case is the same file, and a false alarm costs less than an overwritten
	 * input.
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
