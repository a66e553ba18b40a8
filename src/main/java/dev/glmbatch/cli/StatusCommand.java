package dev.glmbatch.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.glmbatch.pipeline.ResultStaging.RunTotals;
import dev.glmbatch.run.RunSummary;
import dev.glmbatch.run.Runs;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
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
		try (ConfigurableApplicationContext context = SpringRuntime.start(Map.of())) {
			Runs runs = context.getBean(Runs.class);
			Optional<RunSummary> summary;
			if (runId == null) {
				List<RunSummary> latest = runs.list(1);
				summary = latest.isEmpty() ? Optional.empty() : Optional.of(latest.get(0));
			}
			else {
				summary = runs.status(runId);
			}
			if (summary.isEmpty()) {
				throw new CommandException(runId == null ? "There are no runs yet." : "There is no run " + runId + ".");
			}
			RunSummary run = summary.get();
			out.printf("Run %d of job '%s': %s (%d execution%s)%n", run.runId(), run.jobName(), run.status(),
					run.executions(), run.executions() == 1 ? "" : "s");
			out.printf("  started:  %s, ended: %s%n", run.startedAt(), run.endedAt() == null ? "-" : run.endedAt());
			out.printf("  input:    %s%n  output:   %s%n", run.input(), run.output());
			out.printf("  rows:     %d committed%s, %d done, %d rejected%n", run.totals().rows(),
					(run.inputRows() != null) ? " of " + run.inputRows() : "", run.totals().done(),
					run.totals().rejected());
			RunTotals totals = run.totals();
			out.printf("  calls:    %d (%d re-used), thinking off %d / on %d; items off %d / on %d / escalated %d%n",
					totals.calls(), totals.reusedCalls(), totals.nonThinkingCalls(), totals.thinkingCalls(),
					totals.itemsThinkingOff(), totals.itemsThinkingOn(), totals.itemsEscalated());
			out.printf("  tokens:   %,d prompt, %,d completion; thinking off %,d / on %,d%n", totals.promptTokens(),
					totals.completionTokens(), totals.thinkingOff().totalTokens(), totals.thinkingOn().totalTokens());
			out.printf("  cost:     $%s (thinking off $%s, on $%s)%n", usd(totals.costUsd()),
					usd(totals.thinkingOff().costUsd()), usd(totals.thinkingOn().costUsd()));
			if (run.exitDescription() != null) {
				out.printf("  problem:  %s%n", run.exitDescription());
			}
			return ExitCode.DONE;
		}
	}

	private static String usd(BigDecimal amount) {
		return amount.setScale(4, RoundingMode.HALF_UP).toPlainString();
	}

}
