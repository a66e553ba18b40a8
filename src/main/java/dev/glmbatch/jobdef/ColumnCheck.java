package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a job against the header of its input: every column the job names must be there.
 * <p>
 * Run when the input is opened, before any row is sent to the model, so that a typo in a
 * column name costs nothing.
 */
public final class ColumnCheck {

	/**
	 * Beyond this many columns the message lists the first ones and a count, to stay
	 * readable.
	 */
	private static final int LISTED_COLUMNS = 50;

	private ColumnCheck() {
	}

	/**
	 * Requires the job's source columns and id column in {@code header}.
	 * @param job the job whose columns to check
	 * @param header the input's column names, in file order
	 * @param inputFile the file the header was read from, named in the messages
	 * @throws JobDefinitionException naming each missing column with its YAML path
	 * ({@code task.columns[i]} or {@code input.id-column}) and listing the columns the
	 * input has
	 */
	public static void requireColumns(JobDefinition job, List<String> header, Path inputFile) {
		List<JobFileProblem> problems = new ArrayList<>();
		List<String> columns = job.task().sourceColumns();
		for (int i = 0; i < columns.size(); i++) {
			requireColumn(columns.get(i), job.task().columnYamlPath(i), header, inputFile, problems);
		}
		String idColumn = job.input().idColumn();
		if (idColumn != null) {
			requireColumn(idColumn, "input.id-column", header, inputFile, problems);
		}
		if (!problems.isEmpty()) {
			throw new JobDefinitionException(job.file(), problems);
		}
	}

	/**
	 * Requires that no column the job adds to a table output (CSV or XLSX) has the name
	 * of an input column: the output would hold two columns of that name, and a reader of
	 * the file could not tell them apart. JSONL keeps the input and the output apart, so
	 * it is not checked.
	 * @throws JobDefinitionException naming each such column
	 */
	public static void requireNewOutputColumns(JobDefinition job, List<String> header, List<String> outputColumns,
			Path inputFile) {
		if (job.output().format() == OutputFormat.JSONL) {
			return;
		}
		List<JobFileProblem> problems = new ArrayList<>();
		for (String column : outputColumns) {
			if (header.contains(column)) {
				String name = MessageText.cap(column);
				problems.add(JobFileProblem.at("task", 0, "the job adds the column '" + name + "', but " + inputFile
						+ " already has a column of that name, so the output would hold two columns '" + name + "'",
						"rename or remove the input's column '" + name + "' (or write JSONL, which keeps the input"
								+ " and the output apart)"));
			}
		}
		if (!problems.isEmpty()) {
			throw new JobDefinitionException(job.file(), problems);
		}
	}

	private static void requireColumn(String column, String yamlPath, List<String> header, Path inputFile,
			List<JobFileProblem> problems) {
		if (header.contains(column)) {
			return;
		}
		String suggestion = ClosestName.among(column, header);
		String problem = "the column '" + MessageText.cap(column) + "' is not in the header of " + inputFile
				+ ((suggestion != null) ? " (did you mean '" + MessageText.cap(suggestion) + "'?)" : "");
		problems.add(JobFileProblem.at(yamlPath, 0, problem,
				"name a column the input has, or fix the input's header; " + describe(header)));
	}

	private static String describe(List<String> header) {
		if (header.isEmpty()) {
			return "the input has no columns";
		}
		List<String> listed = header.subList(0, Math.min(header.size(), LISTED_COLUMNS));
		String more = (header.size() > listed.size()) ? " and " + (header.size() - listed.size()) + " more" : "";
		return "the input has: " + MessageText.capAll(listed) + more;
	}

}
