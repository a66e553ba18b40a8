package dev.glmbatch.progress;

import java.math.BigDecimal;

/**
 * What a run's batches brought.
 *
 * @param batches batches submitted
 * @param lines their lines
 * @param answered lines answered, whose answers went into the call ledger
 * @param failed lines that failed; they and the lines never answered went one by one
 * @param tokens prompt and completion tokens of the answers
 * @param costUsd what the answers cost at the batch rate
 */
public record BatchTotals(long batches, long lines, long answered, long failed, long tokens, BigDecimal costUsd) {

	public static final BatchTotals NONE = new BatchTotals(0, 0, 0, 0, 0, BigDecimal.ZERO);

}
