package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Where a job writes its results.
 *
 * @param path the output file template, absolute; may contain {@code {job}} and {@code {date}}, and until
 * {@link #forInput} names the input file, {@code {input}}
 * @param format the output format
 * @param rejectPath the reject file template, absolute; the same placeholders as {@code path}
 * @param formulaPolicy how CSV and XLSX outputs neutralise values a spreadsheet could run as formulas
 * @param intoWorkbook for XLSX output from an XLSX input: write a copy of the input workbook with the result columns
 * beside the source columns, instead of a new workbook
 */
public record OutputSpec(String path, OutputFormat format, String rejectPath, FormulaPolicy formulaPolicy,
		boolean intoWorkbook) {

	static final String INPUT = "{input}";

	public OutputSpec {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(format, "format");
		Objects.requireNonNull(rejectPath, "rejectPath");
		Objects.requireNonNull(formulaPolicy, "formulaPolicy");
		if (intoWorkbook && format != OutputFormat.XLSX) {
			throw new IllegalArgumentException("intoWorkbook needs XLSX output, not " + format);
		}
	}

	/** A spec that writes a new file and quotes formula-like values. */
	public OutputSpec(String path, OutputFormat format, String rejectPath) {
		this(path, format, rejectPath, FormulaPolicy.QUOTE, false);
	}

	public Path resolvePath(String jobName, LocalDate date) {
		return Path.of(expand(path, jobName, date));
	}

	public Path resolveRejectPath(String jobName, LocalDate date) {
		return Path.of(expand(rejectPath, jobName, date));
	}

	public OutputSpec withPath(Path newPath) {
		return new OutputSpec(newPath.toString(), format, rejectPath, formulaPolicy, intoWorkbook);
	}

	/** The templates with {@code {input}} replaced by the input file's name without its extension. */
	public OutputSpec forInput(Path inputFile) {
		String base = Extensions.withoutExtension(String.valueOf(inputFile.getFileName()));
		return new OutputSpec(path.replace(INPUT, base), format, rejectPath.replace(INPUT, base));
	}

	/** Whether the templates name the input file, so that several inputs get outputs of their own. */
	public boolean namesInput() {
		return path.contains(INPUT) && rejectPath.contains(INPUT);
	}

	private static String expand(String template, String jobName, LocalDate date) {
		return template.replace("{job}", jobName).replace("{date}", date.toString());
	}

}
