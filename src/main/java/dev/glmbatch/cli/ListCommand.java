package dev.glmbatch.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

import dev.glmbatch.run.RunSummary;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "list", mixinStandardHelpOptions = true,
		description = { "Lists runs, newest first: status, rows, re-used answers, start, why it failed or stopped.",
				"Times are local, with the zone; status ID shows a run whole, with the command that resumes it." },
		footer = ExitCode.HELP)
final class ListCommand implements Callable<Integer> {

	/** Characters of the reason shown per run. */
	private static final int PROBLEM_WIDTH = 60;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "At most N runs (default 20).")
	private int limit;

	@Override
	public Integer call() {
		PrintStream out = System.out;
		List<RunSummary> runs = StateReading.read(reader -> reader.list(limit));
		if (runs.isEmpty()) {
			out.println("No runs yet.");
			return ExitCode.DONE;
		}
		out.printf("%-6s %-24s %-10s %8s %8s %8s %8s  %-23s  %s%n", "RUN", "JOB", "STATUS", "ROWS", "DONE", "REJECTED",
				"REUSED", "STARTED", "PROBLEM");
		for (RunSummary run : runs) {
			out.printf("%-6d %-24s %-10s %8d %8d %8d %8d  %-23s  %s%n", run.runId(), run.jobName(), run.status(),
					run.totals().rows(), run.totals().done(), run.totals().rejected(), run.totals().earlierRunCalls(),
					Times.format(run.firstStartedAt()), shortened(run.exitDescription()).strip());
		}
		return ExitCode.DONE;
	}

	/**
	 * The first words of a reason, to keep a line of the list on one line of the
	 * terminal; status shows it whole.
	 */
	static String shortened(@Nullable String reason) {
		if (reason == null) {
			return "";
		}
		String line = reason.lines().findFirst().orElse("");
		return line.length() <= PROBLEM_WIDTH ? line : line.substring(0, PROBLEM_WIDTH - 1) + "…";
	}

}
