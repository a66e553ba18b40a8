package dev.glmbatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobFile;
import dev.glmbatch.run.JobCheck;
import dev.glmbatch.run.RowCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "validate", mixinStandardHelpOptions = true,
		description = { "Checks a job file and its input without running it: no GLM call, no state change.",
				"Reads every row as a run would and names the rows a run would reject without a call." },
		footer = ExitCode.HELP)
final class ValidateCommand implements Callable<Integer> {

	@Mixin
	private final JobArguments job = new JobArguments();

	@Override
	public Integer call() {
		PrintStream out = System.out;
		JobFile loaded = job.load();
		if (loaded.schedule() != null) {
			out.printf("  schedule: %s (%s), missed triggers: %s%n", loaded.schedule().cron(), loaded.schedule().zone(),
					loaded.schedule().missed().name().toLowerCase().replace('_', '-'));
		}
		Path file = job.input();
		if (file == null && loaded.inputPattern() != null) {
			List<Path> files = loaded.inputPattern().files();
			out.printf("  pattern:  %s (%d file(s) match now)%n", loaded.inputPattern().describe(), files.size());
			if (files.isEmpty()) {
				out.printf("Job %s is valid; each input file is checked when its run starts.%n", loaded.name());
				return ExitCode.DONE;
			}
			file = files.get(0);
		}
		JobDefinition definition = (file != null) ? loaded.forInput(file) : loaded.definition();
		JobCheck check = JobCheck.of(definition);
		ValidationReport.print(check, out);
		ValidationReport.printRows(RowCheck.of(definition, check.inspection()), out);
		return ExitCode.DONE;
	}

}
