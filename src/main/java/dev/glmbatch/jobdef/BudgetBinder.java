package dev.glmbatch.jobdef;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * Binds the optional {@code budget} section of a job file: {@code budget: {usd: 5.00,
 * tokens: 2000000}}.
 */
final class BudgetBinder {

	static final List<String> KEYS = List.of("usd", "tokens");

	static final String EXAMPLE = "budget: {usd: 5.00}";

	/** A trillion tokens: far above any real run, low enough to stay exact. */
	private static final BigInteger MAX_TOKENS = BigInteger.valueOf(1_000_000_000_000L);

	private static final BigDecimal MAX_USD = BigDecimal.valueOf(1_000_000_000L);

	private BudgetBinder() {
	}

	/** The budget; {@link Budget#UNLIMITED} when absent. */
	static Bound<Budget> bind(YamlSection job) {
		return job.section("budget", EXAMPLE).then((budget) -> {
			budget.allowOnly(KEYS);
			if (!budget.has("usd") && !budget.has("tokens")) {
				return job.<Budget>invalid("budget", "the budget sets no limit",
						"give it usd, tokens or both, e.g. " + EXAMPLE + " or budget: {tokens: 2000000}");
			}
			Bound<BigDecimal> usd = budget.scalar("usd", "usd: 5.00").then((scalar) -> usd(budget, scalar));
			Bound<Long> tokens = budget.scalar("tokens", "tokens: 2000000").then((scalar) -> tokens(budget, scalar));
			return budget.complete(() -> new Budget(usd.orNull(), tokens.orNull()));
		}).orDefault(Budget.UNLIMITED);
	}

	private static Bound<BigDecimal> usd(YamlSection budget, YamlScalar scalar) {
		String written = scalar.text().strip();
		if (scalar.kind() == YamlScalar.Kind.TEXT && written.matches("\\$?\\s*\\d+(\\.\\d+)?")) {
			return budget.invalid(scalar, "usd takes a plain number, not " + scalar.describe(),
					"write usd: " + written.replace("$", "").strip());
		}
		if (scalar.kind() != YamlScalar.Kind.INTEGER && scalar.kind() != YamlScalar.Kind.DECIMAL) {
			return budget.invalid(scalar, "expected an amount of US dollars but found " + scalar.describe(),
					"write a positive number, e.g. usd: 5.00");
		}
		BigDecimal amount;
		try {
			amount = new BigDecimal(written);
		}
		catch (NumberFormatException ex) {
			return budget.invalid(scalar, "'" + written + "' is not a plain amount",
					"write a positive number, e.g. usd: 5.00");
		}
		if (amount.signum() <= 0 || amount.compareTo(MAX_USD) > 0) {
			return budget.invalid(scalar, "a budget of $" + amount.toPlainString() + " cannot be spent",
					"write a positive amount up to " + MAX_USD.toPlainString() + ", e.g. usd: 5.00");
		}
		return Bound.of(amount);
	}

	private static Bound<Long> tokens(YamlSection budget, YamlScalar scalar) {
		String written = scalar.text().strip().replace("_", "");
		if (scalar.kind() != YamlScalar.Kind.INTEGER || !written.matches("[-+]?\\d+")) {
			boolean quoted = scalar.kind() == YamlScalar.Kind.TEXT && written.matches("\\d+");
			return budget.invalid(scalar, "expected a whole number of tokens but found " + scalar.describe(),
					quoted ? "write the number without quotes, e.g. tokens: " + written
							: "write a whole number, e.g. tokens: 2000000");
		}
		BigInteger count = new BigInteger(written);
		if (count.signum() <= 0 || count.compareTo(MAX_TOKENS) > 0) {
			return budget.invalid(scalar, "a budget of " + count + " tokens cannot be spent",
					"write a positive whole number up to " + MAX_TOKENS + ", e.g. tokens: 2000000");
		}
		return Bound.of(count.longValue());
	}

}
