package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One thing wrong with a job file, located as precisely as the source allows.
 *
 * @param yamlPath where in the file, e.g. {@code task.to[2]}; empty when the problem
 * concerns the whole file
 * @param line the 1-based line in the job file, or {@code 0} when unknown
 * @param column the 1-based column, or {@code 0} when unknown
 * @param problem what is wrong, without a final full stop
 * @param fix what the user should do about it, without a final full stop
 */
public record JobFileProblem(String yamlPath, int line, int column, String problem, String fix) {

	public JobFileProblem {
		Objects.requireNonNull(yamlPath, "yamlPath");
		Objects.requireNonNull(problem, "problem");
		Objects.requireNonNull(fix, "fix");
		if (line < 0 || column < 0) {
			throw new IllegalArgumentException("line and column must be >= 0, were " + line + ", " + column);
		}
	}

	public static JobFileProblem at(String yamlPath, int line, String problem, String fix) {
		return new JobFileProblem(yamlPath, line, 0, problem, fix);
	}

	/**
	 * Renders the problem as one line:
	 * {@code <file>: <yamlPath> (line n): <problem>. Fix: <fix>}; the path and the line
	 * part are left out when unknown.
	 */
	public String format(Path file) {
		StringBuilder text = new StringBuilder().append(file).append(": ");
		text.append(yamlPath);
		if (line > 0) {
			text.append(yamlPath.isEmpty() ? "" : " ").append("(line ").append(line);
			if (column > 0) {
				text.append(", column ").append(column);
			}
			text.append(')');
		}
		if (!yamlPath.isEmpty() || line > 0) {
			text.append(": ");
		}
		return text.append(withoutFullStop(problem)).append(". Fix: ").append(withoutFullStop(fix)).toString();
	}

	private static String withoutFullStop(String sentence) {
		return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
	}

}
