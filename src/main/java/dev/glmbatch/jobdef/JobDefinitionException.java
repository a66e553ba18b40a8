package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A job file that cannot become a {@link JobDefinition}: missing, unreadable, not YAML,
 * or with invalid values.
 * <p>
 * Carries every problem found in the file, not just the first, so that a user fixes them
 * in one go. The message holds one line per problem, in the form
 * {@code <file>: <yamlPath> (line n): <problem>. Fix: <fix>}.
 */
public final class JobDefinitionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Path file;

	private final List<JobFileProblem> details;

	public JobDefinitionException(Path file, List<JobFileProblem> details) {
		super(message(file, details));
		this.file = file;
		this.details = List.copyOf(details);
	}

	public JobDefinitionException(Path file, JobFileProblem problem) {
		this(file, List.of(problem));
	}

	/** The job file the problems were found in, absolute. */
	public Path file() {
		return file;
	}

	/**
	 * The YAML path of the first problem, e.g. {@code task.to[2]}; empty when it concerns
	 * the whole file.
	 */
	public String yamlPath() {
		return details.get(0).yamlPath();
	}

	/** Every problem, one formatted line each, in the order of the message. */
	public List<String> problems() {
		return details.stream().map((problem) -> problem.format(file)).toList();
	}

	/** Every problem, as data. */
	public List<JobFileProblem> details() {
		return details;
	}

	private static String message(Path file, List<JobFileProblem> details) {
		Objects.requireNonNull(file, "file");
		if (details.isEmpty()) {
			throw new IllegalArgumentException("a JobDefinitionException needs at least one problem");
		}
		return String.join("\n", details.stream().map((problem) -> problem.format(file)).toList());
	}

}
