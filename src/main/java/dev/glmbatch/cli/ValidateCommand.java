package dev.glmbatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.jobdef.JobFile;
import dev.glmbatch.run.JobCheck;
import dev.glmbatch.run.RowCheck;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
		description = { "Checks a job file and its input without running it: no GLM call, no state change.",
				"Reads every row as a run would and names the rows a run would reject without a call." },
		footer = ExitCode.HELP)
final class ValidateCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "JOB", description = "The job file (YAML).")
	@SuppressWarnings("NullAway.Init")
	private Path jobFile;

	@Option(names = "--input", paramLabel = "PATH",
			description = "Check this file instead of the job's input, as run --input would read it.")
	private @Nullable Path input;

	@Override
	public Integer call() {
		PrintStream out = System.out;
		JobFile loaded = JobDefinitionLoader.loadJobFile(jobFile.toAbsolutePath().normalize());
		if (loaded.schedule() != null) {
			out.printf("  schedule: %s (%s), missed triggers: %s%n", loaded.schedule().cron(), loaded.schedule().zone(),
					loaded.schedule().missed().name().toLowerCase().replace('_', '-'));
		}
		JobDefinition definition = loaded.definition();
		if (input != null) {
			definition = loaded.forInput(input.toAbsolutePath().normalize());
		}
		else if (loaded.inputPattern() != null) {
			List<Path> files = loaded.inputPattern().files();
			out.printf("  pattern:  %s (%d file(s) match now)%n", loaded.inputPattern().describe(), files.size());
			if (files.isEmpty()) {
				out.printf("Job %s is valid; each input file is checked when its run starts.%n", loaded.name());
				return ExitCode.DONE;
			}
			definition = loaded.forInput(files.get(0));
		}
		JobCheck check = JobCheck.of(definition);
		ValidationReport.print(check, out);
		ValidationReport.printRows(RowCheck.of(definition, check.inspection()), out);
		return ExitCode.DONE;
	}

}
