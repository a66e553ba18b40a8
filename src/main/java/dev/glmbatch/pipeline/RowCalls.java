package dev.glmbatch.pipeline;

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

	void answered() {
		calls++;
		lastRefusal = null;
	}

	void refused(ItemLlmException refusal) {
		calls++;
		lastRefusal = refusal;
	}

	/** Calls answered or refused, re-used answers included. */
	int calls() {
		return calls;
	}

	/**
	 * The refusal that ended the row's last call, or {@code null} when that call was
	 * answered.
	 */
	@Nullable ItemLlmException lastRefusal() {
		return lastRefusal;
	}

}
