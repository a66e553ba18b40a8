package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Where a job writes its results.
 *
 * @param path the output file template, absolute; may contain {@code {job}} and {@code {date}}
 * @param format the output format
 * @param rejectPath the reject file template, absolute; may contain {@code {job}} and {@code {date}}
 */
public record OutputSpec(String path, OutputFormat format, String rejectPath) {

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

	private static String expand(String template, String jobName, LocalDate date) {
		return template.replace("{job}", jobName).replace("{date}", date.toString());
	}

}
