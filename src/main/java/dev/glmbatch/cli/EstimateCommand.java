package dev.glmbatch.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.progress.ProgressDisplay;
import dev.glmbatch.run.Quote;
import dev.glmbatch.run.QuoteRuntime;
import dev.glmbatch.run.Quotes;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "estimate", mixinStandardHelpOptions = true,
		description = { "Estimates a job's GLM calls, tokens, cost and duration from its input, without calling GLM.",
				"Cost with thinking off and on; run state is not touched. See README, 'Throughput, cost and budget'." },
		footer = ExitCode.HELP)
final class EstimateCommand implements Callable<Integer> {

	@Mixin
	private final JobArguments job = new JobArguments();

	@Option(names = "--max-in-flight", paramLabel = "N",
			description = "The account's in-flight limit per model (glm.max-in-flight).")
	private @Nullable Integer maxInFlight;

	@Override
	public Integer call() {
		PrintStream out = System.out;
		JobDefinition definition = job.definition(job.load(), "Estimate one of them with --input FILE");
		List<String> arguments = new ArrayList<>();
		if (maxInFlight != null) {
			arguments.add("--glm.max-in-flight=" + maxInFlight);
		}
		Quote quote;
		BigDecimal batchFactor;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(QuoteRuntime.class)
			.web(WebApplicationType.NONE)
			.registerShutdownHook(false)
			.run(arguments.toArray(String[]::new))) {
			quote = context.getBean(Quotes.class).quote(definition);
			batchFactor = context.getEnvironment()
				.getProperty("glm.batch-price-factor", BigDecimal.class, new BigDecimal("0.5"));
		}
		catch (IllegalArgumentException ex) {
			throw new CommandException(Objects.toString(ex.getMessage(), ex.getClass().getSimpleName()), ex);
		}
		out.printf("Estimate for job %s (no GLM call made)%n", definition.name());
		out.printf("  input:    %s: %,d rows (%,d malformed, no call)%n", definition.input().path(), quote.rows(),
				quote.rejectedRows());
		out.printf("  task:     %s%n", TaskNames.of(definition.task()));
		out.printf("  calls:    %,d (%s), plus ~%,d repairs and ~%,d escalations to thinking%n", quote.calls(),
				quote.callBasis(), quote.repairCalls(), quote.escalationCalls());
		out.printf("  tokens:   ~%,d prompt; ~%,d completion with thinking off, ~%,d with thinking on%n",
				quote.promptTokens(), quote.completionTokensThinkingOff(), quote.completionTokensThinkingOn());
		if (quote.costThinkingOff() != null && quote.costThinkingOn() != null) {
			out.printf("  cost:     $%s (thinking off) to $%s (thinking on) at %s prices; the job says thinking %s%n",
					dollars(quote.costThinkingOff()), dollars(quote.costThinkingOn()), definition.model(),
					definition.thinking().name().toLowerCase());
			out.printf(
					"  batch:    $%s to $%s with mode: batch (first calls at the batch rate, the rest one by one);"
							+ " the job says mode: %s%n",
					dollars(batched(quote, quote.costThinkingOff(), batchFactor)),
					dollars(batched(quote, quote.costThinkingOn(), batchFactor)),
					definition.mode().kind().name().toLowerCase());
		}
		else {
			out.printf(
					"  cost:     unpriced: model %s has no price (set glm.models[%s].input-per-million and"
							+ " output-per-million, USD per million tokens)%s%n",
					definition.model(), definition.model(), definition.budget().usd() != null
							? "; a run would be refused, since its USD budget could not be" + " counted" : "");
		}
		out.printf(
				"  duration: ~%s (thinking off) to ~%s (thinking on) with %d calls in flight"
						+ " (concurrency %d, current limit %d), ~%.1f s a call%n",
				ProgressDisplay.format(quote.durationThinkingOff()), ProgressDisplay.format(quote.durationThinkingOn()),
				quote.inFlight(), definition.concurrency(), quote.limit(), quote.secondsPerCallThinkingOff());
		out.printf("  assumed:  %s%n", String.join("; ", quote.assumptions()));
		if (definition.budget().isLimited()) {
			out.printf("  budget:   %s%n", definition.budget());
		}
		return ExitCode.DONE;
	}

	/**
	 * A cost with the first calls at the batch rate: their share of the calls, priced at
	 * {@code factor}; repairs and escalations stay at the list price.
	 */
	static BigDecimal batched(Quote quote, BigDecimal cost, BigDecimal factor) {
		long all = quote.calls() + quote.repairCalls() + quote.escalationCalls();
		if (all == 0) {
			return cost;
		}
		BigDecimal firstShare = BigDecimal.valueOf(quote.calls())
			.divide(BigDecimal.valueOf(all), 12, RoundingMode.HALF_UP);
		return cost.subtract(cost.multiply(firstShare).multiply(BigDecimal.ONE.subtract(factor)));
	}

	private static String dollars(BigDecimal amount) {
		return amount.setScale(amount.compareTo(BigDecimal.ONE) < 0 ? 4 : 2, RoundingMode.HALF_UP).toPlainString();
	}

}
