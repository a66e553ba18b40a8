package dev.glmbatch.cli;

import java.nio.file.Path;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.jobdef.JobFile;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The job file and the input to read instead of the job's own ({@code run},
 * {@code validate}, {@code estimate}): one way to name them, one way to load them.
 */
final class JobArguments {

	@Parameters(index = "0", paramLabel = "JOB", description = "The job file (YAML), e.g. jobs/demo-translate.yaml.")
	@SuppressWarnings("NullAway.Init")
	private Path jobFile;

	@Option(names = "--input", paramLabel = "PATH",
			description = "Read this file (or folder, for a job that reads documents) instead of the job's input.")
	private @Nullable Path input;

	/** The job file, loaded and checked. */
	JobFile load() {
		return JobDefinitionLoader.loadJobFile(jobFile.toAbsolutePath().normalize());
	}

	/** The file given with {@code --input}, absolute, or {@code null}. */
	@Nullable Path input() {
		return (input != null) ? input.toAbsolutePath().normalize() : null;
	}

	/**
	 * The job as it reads the {@code --input} file, or its own input.
	 * @param usage what to do with one file, e.g. "Run one of them with --input FILE"
	 * @throws CommandException for a job that reads every file matching a pattern, when
	 * no {@code --input} names one of them
	 */
	JobDefinition definition(JobFile loaded, String usage) {
		Path file = input();
		if (file != null) {
			return loaded.forInput(file);
		}
		if (loaded.inputPattern() != null) {
			throw new CommandException("Job '" + loaded.name() + "' reads every file matching "
					+ loaded.inputPattern().describe() + ". " + usage + ".");
		}
		return loaded.definition();
	}

}
