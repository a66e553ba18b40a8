package dev.glmbatch.cli;

import java.util.concurrent.Callable;

import dev.glmbatch.run.Runs;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "stop", mixinStandardHelpOptions = true,
		description = { "Asks the process working a run to stop it at its next chunk boundary (resumable).",
				"With the default H2 state the database is locked by the running process: press Ctrl-C in its",
				"terminal or send it SIGTERM instead (its pid is printed at start)." },
		footer = ExitCode.HELP)
final class StopCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "ID", description = "The run id.")
	private long runId;

	@Override
	public Integer call() {
		try (ConfigurableApplicationContext context = SpringRuntime.startReading()) {
			if (!context.getBean(Runs.class).requestStop(runId)) {
				throw new CommandException("Run " + runId + " is not running in any process.");
			}
			System.out.printf("Stop requested: run %d stops at its next chunk boundary (within seconds).%n", runId);
			return ExitCode.DONE;
		}
	}

}
