package dev.glmbatch.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.glmbatch.run.Runs;
import dev.glmbatch.run.Runs.PrunedAnswers;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Keeps the call ledger from growing without bound. Every paid answer stays there so that
 * later runs re-use it; answers nobody will ask for again (old ones, those of runs
 * removed from the state database) only take space.
 */
@Command(name = "prune", mixinStandardHelpOptions = true,
		description = { "Removes paid answers from the call ledger, which later runs would otherwise re-use.",
				"Answers of a run that a process is working are kept whatever their age." },
		footer = ExitCode.HELP)
final class PruneCommand implements Callable<Integer> {

	private static final Pattern AGE = Pattern.compile("(\\d{1,6})([dhm])");

	@Option(names = "--older-than", paramLabel = "AGE",
			description = "Answers paid longer ago than AGE: days, hours or minutes, e.g. 30d, 12h, 90m.")
	private @Nullable String olderThan;

	@Option(names = "--deleted-runs", description = "Answers of runs no longer in the state database.")
	private boolean deletedRuns;

	@Option(names = "--dry-run", description = "Say what would be removed, remove nothing.")
	private boolean dryRun;

	@Override
	public Integer call() {
		if (olderThan == null && !deletedRuns) {
			throw new CommandException(
					"Say which answers to remove: --older-than AGE (e.g. 30d), --deleted-runs, or both.");
		}
		Instant paidBefore = (olderThan != null) ? Instant.now().minus(age(olderThan)) : null;
		try (ConfigurableApplicationContext context = SpringRuntime.startReading()) {
			PrunedAnswers pruned = context.getBean(Runs.class).pruneAnswers(paidBefore, deletedRuns, dryRun);
			System.out.printf("%s %,d answer%s of %d run%s from the call ledger (they had cost %s).%n",
					dryRun ? "Would remove" : "Removed", pruned.answers(), (pruned.answers() == 1) ? "" : "s",
					pruned.runs(), (pruned.runs() == 1) ? "" : "s", RunReport.usd(pruned.costUsd()));
			if (dryRun) {
				System.out.println("Nothing was removed (--dry-run).");
			}
			return ExitCode.DONE;
		}
	}

	private static Duration age(String text) {
		Matcher matcher = AGE.matcher(text.strip().toLowerCase(Locale.ROOT));
		if (!matcher.matches()) {
			throw new CommandException("--older-than " + text
					+ " is not an age: give a whole number of days, hours or minutes, e.g. 30d, 12h or 90m.");
		}
		long amount = Long.parseLong(matcher.group(1));
		return switch (matcher.group(2)) {
			case "d" -> Duration.ofDays(amount);
			case "h" -> Duration.ofHours(amount);
			default -> Duration.ofMinutes(amount);
		};
	}

}
