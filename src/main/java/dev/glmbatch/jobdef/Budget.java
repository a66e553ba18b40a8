package dev.glmbatch.jobdef;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * A cap on what a run may spend on GLM, over all its executions: when the next calls
 * would pass it, the run stops, restartable; raise the cap and run again to finish.
 * Either limit, both, or neither may be set.
 *
 * @param usd the most the run may cost, in US dollars, or {@code null} for no cap
 * @param tokens the most tokens (prompt plus completion) the run may use, or {@code null}
 * for no cap
 */
public record Budget(@Nullable BigDecimal usd, @Nullable Long tokens) {

	/** No cap. */
	public static final Budget UNLIMITED = new Budget(null, null);

	public Budget {
		if (usd != null && usd.signum() <= 0) {
			throw new IllegalArgumentException("budget usd must be positive, was " + usd);
		}
		if (tokens != null && tokens < 1) {
			throw new IllegalArgumentException("budget tokens must be positive, was " + tokens);
		}
	}

	public boolean isLimited() {
		return usd != null || tokens != null;
	}

	@Override
	public String toString() {
		String dollars = (usd != null) ? "$" + usd.toPlainString() : null;
		String count = (tokens != null) ? String.format("%,d tokens", tokens) : null;
		if (dollars == null) {
			return (count != null) ? count : "no budget";
		}
		return (count != null) ? dollars + " and " + count : dollars;
	}

}
