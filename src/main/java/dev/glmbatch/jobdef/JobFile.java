package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Everything a job file says: the job, and for the service its schedule and input
 * pattern.
 *
 * @param definition the job; for a job with an input pattern, its input path is the
 * pattern's folder until a run names the file ({@link #forInput})
 * @param schedule when the service runs it, or {@code null} when it runs only on request
 * @param inputPattern the files it processes, or {@code null} when it reads the one file
 * of {@code input.path}
 */
public record JobFile(JobDefinition definition, @Nullable Schedule schedule, @Nullable InputPattern inputPattern) {

	public JobFile {
		Objects.requireNonNull(definition, "definition");
	}

	public String name() {
		return definition.name();
	}

	/**
	 * The job applied to one input file: reads that file, and writes outputs whose
	 * {@code {input}} placeholder names it.
	 */
	public JobDefinition forInput(Path inputFile) {
		return definition.withInput(definition.input().withPath(inputFile))
			.withOutput(definition.output().forInput(inputFile));
	}

}
