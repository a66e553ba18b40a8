package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the problems of one job file so that they are reported together rather than
 * one per attempt.
 * <p>
 * Not thread-safe; one instance serves one load.
 */
final class Problems {

	private final Path file;

	private final List<JobFileProblem> found = new ArrayList<>();

	Problems(Path file) {
		this.file = file;
	}

	void add(JobFileProblem problem) {
		found.add(problem);
	}

	void add(String yamlPath, int line, String problem, String fix) {
		add(JobFileProblem.at(yamlPath, line, problem, fix));
	}

	void add(YamlNode at, String problem, String fix) {
		add(at.path(), at.line(), problem, fix);
	}

	boolean isEmpty() {
		return found.isEmpty();
	}

	/** An exception listing every problem found, in file order. */
	JobDefinitionException toException() {
		if (found.isEmpty()) {
			throw new IllegalStateException("no problem was found in " + file);
		}
		// problems without a line (missing keys) go last: the user reads the file top
		// down
		List<JobFileProblem> inFileOrder = found.stream()
			.sorted(Comparator
				.comparingInt((JobFileProblem problem) -> (problem.line() > 0) ? problem.line() : Integer.MAX_VALUE))
			.toList();
		return new JobDefinitionException(file, inFileOrder);
	}

}
