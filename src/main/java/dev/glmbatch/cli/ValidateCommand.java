package dev.glmbatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.jobdef.JobFile;
import dev.glmbatch.run.JobCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
		description = { "Checks a job file and its input without running it: no GLM call, no state change." },
		footer = ExitCode.HELP)
final class ValidateCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "JOB", description = "The job file (YAML).")
	@SuppressWarnings("NullAway.Init")
	private Path jobFile;

	@Override
	public Integer call() {
		PrintStream out = System.out;
		JobFile loaded = JobDefinitionLoader.loadJobFile(jobFile.toAbsolutePath().normalize());
		if (loaded.schedule() != null) {
			out.printf("  schedule: %s (%s), missed triggers: %s%n", loaded.schedule().cron(),
					loaded.schedule().zone(), loaded.schedule().missed().name().toLowerCase().replace('_', '-'));
		}
		JobDefinition definition = loaded.definition();
		if (loaded.inputPattern() != null) {
			List<Path> files = loaded.inputPattern().files();
			out.printf("  pattern:  %s (%d file(s) match now)%n", loaded.inputPattern().describe(), files.size());
			if (files.isEmpty()) {
				out.printf("Job %s is valid; each input file is checked when its run starts.%n", loaded.name());
				return ExitCode.DONE;
			}
			definition = loaded.forInput(files.get(0));
		}
		ValidationReport.print(JobCheck.of(definition), out);
		return ExitCode.DONE;
	}

}
