package dev.glmbatch.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Where a run stands, for a progress display.
 *
 * @param rowsDone rows committed, this execution and earlier ones
 * @param totalRows rows in the input
 * @param rowsPerSecond rows committed per second by this execution
 * @param eta time left at that rate, or {@code null} before the rate is known
 * @param inFlight GLM attempts in flight now
 * @param limit the adaptive in-flight limit now, 0 when the client sets none
 * @param tokens prompt plus completion tokens paid by the committed rows
 * @param costUsd what the committed rows cost, or {@code null} when a model without a
 * price answered some of them
 * @param throttled attempts answered 429 for rate or load (1302, 1303, 1305) in this
 * execution
 * @param finished whether the step has ended
 */
public record Progress(long rowsDone, long totalRows, double rowsPerSecond, @Nullable Duration eta, int inFlight,
		int limit, long tokens, @Nullable BigDecimal costUsd, long throttled, boolean finished) {

	/** The cost as a display shows it: dollars to four decimals, or "unpriced". */
	public String costText() {
		return (costUsd != null) ? "$" + costUsd.setScale(4, RoundingMode.HALF_UP).toPlainString() : "unpriced";
	}

}
