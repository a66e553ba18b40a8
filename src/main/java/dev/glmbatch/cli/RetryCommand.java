package dev.glmbatch.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "retry", mixinStandardHelpOptions = true,
		description = { "Processes again the rows a completed run rejected, as a new run of its job.",
				"It reads the job file as it is now (edit its instructions first), asks GLM again for each rejected",
				"row, keeps every accepted row as it was without any call, and writes the whole output again to the",
				"job's output path. Stopped or killed, it resumes like any run (restart ID) without paying twice.",
				"The endpoint, dialect and limits are the earlier run's, unless the options below override them." },
		footer = ExitCode.HELP)
final class RetryCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "RUN",
			description = "The completed run whose rejected rows to retry, as printed by run, list and status.")
	private long runId;

	@Mixin
	private RunCallOptions calls = new RunCallOptions();

	@Override
	public Integer call() {
		return RestartCommand.execute(runId, calls, (operator, options) -> operator.retry(runId, options));
	}

}
