package dev.glmbatch.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

import dev.glmbatch.run.RunSummary;
import dev.glmbatch.run.Runs;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists runs, newest first.",
		footer = ExitCode.HELP)
final class ListCommand implements Callable<Integer> {

	@Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N runs (default 20).")
	private int limit;

	@Override
	public Integer call() {
		PrintStream out = System.out;
		try (ConfigurableApplicationContext context = SpringRuntime.startReading()) {
			List<RunSummary> runs = context.getBean(Runs.class).list(limit);
			if (runs.isEmpty()) {
				out.println("No runs yet.");
				return ExitCode.DONE;
			}
			out.printf("%-6s %-24s %-10s %8s %8s %8s  %s%n", "RUN", "JOB", "STATUS", "ROWS", "DONE", "REJECTED",
					"STARTED");
			for (RunSummary run : runs) {
				out.printf("%-6d %-24s %-10s %8d %8d %8d  %s%n", run.runId(), run.jobName(), run.status(),
						run.totals().rows(), run.totals().done(), run.totals().rejected(), run.startedAt());
			}
			return ExitCode.DONE;
		}
	}

}
