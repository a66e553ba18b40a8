package dev.glmbatch.cli;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.glmbatch.run.RunFigures;
import dev.glmbatch.run.RunSummary;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true,
		description = "Shows one run (default: the latest): status, rows, calls, tokens, cost and files.",
		footer = ExitCode.HELP)
final class StatusCommand implements Callable<Integer> {

	@Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The run id.")
	private @Nullable Long runId;

	@Override
	public Integer call() {
		PrintStream out = System.out;
		Long id = runId;
		Optional<RunSummary> summary = StateReading
			.read(reader -> (id == null) ? reader.list(1).stream().findFirst() : reader.status(id));
		if (summary.isEmpty()) {
			throw new CommandException(runId == null ? "There are no runs yet." : "There is no run " + runId + ".");
		}
		RunSummary run = summary.get();
		out.printf("Run %d of job '%s': %s (%d execution%s)%n", run.runId(), run.jobName(), run.status(),
				run.executions(), run.executions() == 1 ? "" : "s");
		out.printf("  started:  %s%s, ended: %s%n", Times.format(run.firstStartedAt()),
				(run.executions() > 1) ? ", last resumed: " + Times.format(run.startedAt()) : "",
				run.endedAt() == null ? "-" : Times.format(run.endedAt()));
		out.printf("  input:    %s%n  output:   %s%n", run.input(), run.output());
		RunFigures figures = run.figures();
		out.printf("  rows:     %d committed%s, %d done, %d rejected%n", figures.rows(),
				(run.inputRows() != null) ? " of " + run.inputRows() : "", figures.done(), figures.rejected());
		out.printf("  calls:    %d (%d re-used), thinking off %d / on %d; items off %d / on %d / escalated %d%n",
				figures.calls(), figures.reusedCalls(), figures.thinkingOff().calls(), figures.thinkingOn().calls(),
				figures.itemsThinkingOff(), figures.itemsThinkingOn(), figures.itemsEscalated());
		out.printf("  re-used:  %s%n", RunReport.earlierRuns(figures.earlierRunCalls(), figures.earlierRunCostUsd()));
		out.printf("  tokens:   %,d prompt, %,d completion (%,d reasoning); thinking off %,d / on %,d%n",
				figures.promptTokens(), figures.completionTokens(), figures.reasoningTokens(),
				figures.thinkingOff().totalTokens(), figures.thinkingOn().totalTokens());
		out.printf("  cost:     %s%n", RunReport.cost(figures.priced(), figures.unpricedCalls(), figures.costUsd(),
				figures.thinkingOff().costUsd(), figures.thinkingOn().costUsd()));
		if (run.exitDescription() != null) {
			out.printf("  problem:  %s%n", run.exitDescription());
		}
		if (run.resumeCommand() != null) {
			out.printf("  resume:   %s%n", run.resumeCommand());
		}
		return ExitCode.DONE;
	}

}
