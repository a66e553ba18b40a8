package dev.glmbatch.pipeline;

import java.math.BigDecimal;

import dev.glmbatch.llm.ItemLlmException;
import org.jspecify.annotations.Nullable;

/**
 * How the GLM calls of one row's task went, as {@link LedgerLlmClient} saw them on the
 * thread that ran it: enough for the {@link FirstRowsBreaker} to tell a row GLM refused
 * from a row whose answer failed its check. Used by one thread.
 */
final class RowCalls {

	private int calls;

	private @Nullable ItemLlmException lastRefusal;

	private long earlierRunCalls;

	private BigDecimal earlierRunCostUsd = BigDecimal.ZERO;

	void answered() {
		calls++;
		lastRefusal = null;
	}

	/** An answer taken from an earlier run's ledger entries, which cost that run this. */
	void fromEarlierRun(BigDecimal costUsd) {
		earlierRunCalls++;
		earlierRunCostUsd = earlierRunCostUsd.add(costUsd);
	}

	void refused(ItemLlmException refusal) {
		calls++;
		lastRefusal = refusal;
	}

	/** Calls answered or refused, re-used answers included. */
	int calls() {
		return calls;
	}

	/** Answers taken from earlier runs' ledger entries, not paid by this run. */
	long earlierRunCalls() {
		return earlierRunCalls;
	}

	/** What the answers taken from earlier runs cost when those runs paid for them. */
	BigDecimal earlierRunCostUsd() {
		return earlierRunCostUsd;
	}

	/**
	 * The refusal that ended the row's last call, or {@code null} when that call was
	 * answered.
	 */
	@Nullable ItemLlmException lastRefusal() {
		return lastRefusal;
	}

}
