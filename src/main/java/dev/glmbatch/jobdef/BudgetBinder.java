package dev.glmbatch.jobdef;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** Binds the optional {@code budget} section of a job file: {@code budget: {usd: 5.00, tokens: 2000000}}. */
final class BudgetBinder {

	static final List<String> KEYS = List.of("usd", "tokens");

	static final String EXAMPLE = "budget: {usd: 5.00}";

	/** A trillion tokens: far above any real run, low enough to stay exact. */
	private static final BigInteger MAX_TOKENS = BigInteger.valueOf(1_000_000_000_000L);

	private static final BigDecimal MAX_USD = BigDecimal.valueOf(1_000_000_000L);

	private BudgetBinder() {
	}

	/** The budget; {@link Budget#UNLIMITED} when absent, {@code null} when invalid (problems added). */
	static @Nullable Budget bind(YamlSection job, Problems problems) {
		if (!job.has("budget")) {
			return Budget.UNLIMITED;
		}
		YamlSection budget = job.section("budget", false, EXAMPLE);
		if (budget == null) {
			return null;
		}
		int before = problems.count();
		budget.allowOnly(KEYS);
		if (!budget.has("usd") && !budget.has("tokens")) {
			problems.add(job.nodeOrSelf("budget"), "the budget sets no limit",
					"give it usd, tokens or both, e.g. " + EXAMPLE + " or budget: {tokens: 2000000}");
			return null;
		}
		BigDecimal usd = budget.has("usd") ? usd(budget, problems) : null;
		Long tokens = budget.has("tokens") ? tokens(budget, problems) : null;
		return (problems.count() > before) ? null : new Budget(usd, tokens);
	}

	private static @Nullable BigDecimal usd(YamlSection budget, Problems problems) {
		YamlScalar scalar = budget.scalar("usd", "usd: 5.00");
		if (scalar == null) {
			return null;
		}
		String written = scalar.text().strip();
		if (scalar.kind() == YamlScalar.Kind.TEXT && written.matches("\\$?\\s*\\d+(\\.\\d+)?")) {
			problems.add(scalar, "usd takes a plain number, not " + scalar.describe(),
					"write usd: " + written.replace("$", "").strip());
			return null;
		}
		if (scalar.kind() != YamlScalar.Kind.INTEGER && scalar.kind() != YamlScalar.Kind.DECIMAL) {
			problems.add(scalar, "expected an amount of US dollars but found " + scalar.describe(),
					"write a positive number, e.g. usd: 5.00");
			return null;
		}
		BigDecimal amount;
		try {
			amount = new BigDecimal(written);
		}
		catch (NumberFormatException ex) {
			problems.add(scalar, "'" + written + "' is not a plain amount", "write a positive number, e.g. usd: 5.00");
			return null;
		}
		if (amount.signum() <= 0 || amount.compareTo(MAX_USD) > 0) {
			problems.add(scalar, "a budget of $" + amount.toPlainString() + " cannot be spent",
					"write a positive amount up to " + MAX_USD.toPlainString() + ", e.g. usd: 5.00");
			return null;
		}
		return amount;
	}

	private static @Nullable Long tokens(YamlSection budget, Problems problems) {
		YamlScalar scalar = budget.scalar("tokens", "tokens: 2000000");
		if (scalar == null) {
			return null;
		}
		String written = scalar.text().strip().replace("_", "");
		if (scalar.kind() != YamlScalar.Kind.INTEGER || !written.matches("[-+]?\\d+")) {
			boolean quoted = scalar.kind() == YamlScalar.Kind.TEXT && written.matches("\\d+");
			problems.add(scalar, "expected a whole number of tokens but found " + scalar.describe(),
					quoted ? "write the number without quotes, e.g. tokens: " + written
							: "write a whole number, e.g. tokens: 2000000");
			return null;
		}
		BigInteger count = new BigInteger(written);
		if (count.signum() <= 0 || count.compareTo(MAX_TOKENS) > 0) {
			problems.add(scalar, "a budget of " + count + " tokens cannot be spent",
					"write a positive whole number up to " + MAX_TOKENS + ", e.g. tokens: 2000000");
			return null;
		}
		return count.longValue();
	}

}
