package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a job writes its results.
 *
 * @param path the output file template, absolute; may contain {@code {job}} and
 * {@code {date}}, and until {@link #forInput} names the input file, {@code {input}}
 * @param format the output format
 * @param rejectPath the reject file template, absolute; the same placeholders as
 * {@code path}
 * @param formulaPolicy how CSV and XLSX outputs neutralise values a spreadsheet could run
 * as formulas
 * @param intoWorkbook for XLSX output from an XLSX input: write a copy of the input
 * workbook with the result columns beside the source columns, instead of a new workbook
 * @param formatDeclared whether the job file set {@code format}; if not, the format
 * follows the output path's extension, also when {@link #withPath} changes the path
 * @param bom whether CSV files (a CSV output and the reject file) start with a UTF-8 byte
 * order mark, which Excel on Windows needs to read them as UTF-8 instead of the system's
 * code page
 * @param documents for a summary of documents, the template of one Markdown file per
 * summarised document, absolute; may contain {@code {job}}, {@code {date}},
 * {@code {name}} (the document's name without extension) and {@code {path}} (its path in
 * the folder without extension); {@code null} for none
 */
public record OutputSpec(String path, OutputFormat format, String rejectPath, FormulaPolicy formulaPolicy,
		boolean intoWorkbook, boolean formatDeclared, boolean bom, @Nullable String documents) {

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

	/** A spec without Markdown files per document. */
	public OutputSpec(String path, OutputFormat format, String rejectPath, FormulaPolicy formulaPolicy,
			boolean intoWorkbook, boolean formatDeclared, boolean bom) {
		this(path, format, rejectPath, formulaPolicy, intoWorkbook, formatDeclared, bom, null);
	}

	/** A spec without a byte order mark. */
	public OutputSpec(String path, OutputFormat format, String rejectPath, FormulaPolicy formulaPolicy,
			boolean intoWorkbook, boolean formatDeclared) {
		this(path, format, rejectPath, formulaPolicy, intoWorkbook, formatDeclared, false);
	}

	/**
	 * A spec that writes a new file and quotes formula-like values; its format was not
	 * declared.
	 */
	public OutputSpec(String path, OutputFormat format, String rejectPath) {
		this(path, format, rejectPath, FormulaPolicy.QUOTE, false, false);
	}

	public Path resolvePath(String jobName, LocalDate date) {
		return Path.of(expand(path, jobName, date));
	}

	public Path resolveRejectPath(String jobName, LocalDate date) {
		return Path.of(expand(rejectPath, jobName, date));
	}

	/**
	 * The format this spec would write to {@code file}: the declared one, else the one
	 * the file's extension stands for; {@code null} when the format was not declared and
	 * the extension names none.
	 */
	public @Nullable OutputFormat formatFor(Path file) {
		return formatDeclared ? format : OutputFormat.ofPath(file.toString());
	}

	/**
	 * The spec writing to another file, with its rejects beside it ({@code x-rejects.csv}
	 * for {@code x.csv}, {@code x-xlsx-rejects.csv} for {@code x.xlsx}: outputs of two
	 * formats never share one). Unless the job file declared the format, the format
	 * follows the new file's extension.
	 * @throws IllegalArgumentException when {@link #formatFor} knows no format for the
	 * file, or into-workbook is on and the format is not XLSX
	 */
	public OutputSpec withPath(Path newPath) {
		OutputFormat newFormat = formatFor(newPath);
		if (newFormat == null) {
			throw new IllegalArgumentException("cannot tell the output format of " + newPath + " from its extension");
		}
		// the job's reject file would be another run's: the rejects go beside the new
		// output
		return new OutputSpec(newPath.toString(), newFormat, OutputSpecBinder.rejectsBeside(newPath.toString()),
				formulaPolicy, intoWorkbook, formatDeclared, bom, documents);
	}

	/**
	 * The templates with {@code {input}} replaced by the input file's name without its
	 * extension.
	 */
	public OutputSpec forInput(Path inputFile) {
		String base = Extensions.withoutExtension(String.valueOf(inputFile.getFileName()));
		return new OutputSpec(path.replace(INPUT, base), format, rejectPath.replace(INPUT, base), formulaPolicy,
				intoWorkbook, formatDeclared, bom, (documents != null) ? documents.replace(INPUT, base) : null);
	}

	/**
	 * Whether the templates name the input file, so that several inputs get outputs of
	 * their own.
	 */
	public boolean namesInput() {
		return path.contains(INPUT) && rejectPath.contains(INPUT);
	}

	/**
	 * The Markdown file of one document, or {@code null} when none is written.
	 * @param relativePath the document's path in the input folder, with {@code /} between
	 * folders
	 */
	public @Nullable Path resolveDocumentPath(String jobName, LocalDate date, String relativePath) {
		if (documents == null) {
			return null;
		}
		String withoutExtension = Extensions.withoutExtension(relativePath);
		String name = withoutExtension.substring(withoutExtension.lastIndexOf('/') + 1);
		return Path.of(expand(documents, jobName, date).replace("{name}", name).replace("{path}", withoutExtension));
	}

	private static String expand(String template, String jobName, LocalDate date) {
		return template.replace("{job}", jobName).replace("{date}", date.toString());
	}

}
