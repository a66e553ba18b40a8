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
 */
public record OutputSpec(String path, OutputFormat format, String rejectPath) {

	static final String INPUT = "{input}";

	public OutputSpec {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(format, "format");
		Objects.requireNonNull(rejectPath, "rejectPath");
	}

	public Path resolvePath(String jobName, LocalDate date) {
		return Path.of(expand(path, jobName, date));
	}

	public Path resolveRejectPath(String jobName, LocalDate date) {
		return Path.of(expand(rejectPath, jobName, date));
	}

	public OutputSpec withPath(Path newPath) {
		return new OutputSpec(newPath.toString(), format, rejectPath);
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
