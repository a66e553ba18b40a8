package dev.glmbatch.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;

import dev.glmbatch.run.RunFigures;
import dev.glmbatch.run.PartitionState;
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
		Optional<Map.Entry<RunSummary, List<PartitionState>>> found = StateReading.read(reader -> {
			Optional<RunSummary> summary = (id == null) ? reader.list(1).stream().findFirst() : reader.status(id);
			return summary.map(run -> Map.entry(run, reader.partitions(run.runId())));
		});
		if (found.isEmpty()) {
			throw new CommandException(runId == null ? "There are no runs yet." : "There is no run " + runId + ".");
		}
		RunSummary run = found.get().getKey();
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
		printPartitions(found.get().getValue(), out);
		if (run.exitDescription() != null) {
			out.printf("  problem:  %s%n", run.exitDescription());
		}
		if (run.resumeCommand() != null) {
			out.printf("  resume:   %s%n", run.resumeCommand());
		}
		return ExitCode.DONE;
	}

	/** A distributed run's partitions: their rows, how far each got, and its worker. */
	private static void printPartitions(List<PartitionState> partitions, PrintStream out) {
		if (partitions.isEmpty()) {
			return;
		}
		Map<String, Long> byStatus = partitions.stream()
			.collect(Collectors.groupingBy(partition -> partition.status().toLowerCase(), TreeMap::new,
					Collectors.counting()));
		out.printf("  partitions: %d (%s)%n", partitions.size(),
				byStatus.entrySet()
					.stream()
					.map(status -> status.getValue() + " " + status.getKey())
					.collect(Collectors.joining(", ")));
		for (PartitionState partition : partitions) {
			if (partition.worker() == null) {
				out.printf("    %s  %-9s  %s%n", partition.name(), partition.status(),
						partition.status().equals("STARTING") ? "waiting for a worker" : "not taken by any worker");
			}
			else {
				out.printf("    %s  %-9s  rows %d-%d, %d committed, worker %s%n", partition.name(), partition.status(),
						partition.firstRow(), partition.lastRow(), partition.stagedRows(), partition.worker());
			}
		}
	}

}
