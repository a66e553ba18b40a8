package dev.glmbatch.pipeline;

import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.glmbatch.jobdef.Budget;
import dev.glmbatch.llm.ChatAnswer;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a run within its {@link Budget}. Before a paid call it checks that what the run
 * has spent (every paid answer of every execution, from the call ledger) plus the calls
 * in flight and this one, each priced like the dearest paid call so far (in this
 * execution; the mean of earlier ones when resuming), stays within the budget; otherwise
 * it refuses the call, and every later one, with a {@link BudgetExhaustedException}. The
 * price of a call is known only once it is answered, so this is an estimate: a call
 * dearer than every earlier one can pass the cap by the difference.
 *
 * <p>
 * Until the run's first paid answer there is no price to reserve, so the first call goes
 * alone: the others wait for its answer. A budget smaller than one call can therefore be
 * passed by that one call. Thread-safe.
 */
final class SpendingGuard {

	private final Budget budget;

	private long paidCalls;

	private BigDecimal spentUsd;

	private long spentTokens;

	private int inFlight;

	private BigDecimal dearestUsd;

	private long dearestTokens;

	private @Nullable BudgetExhaustedException exhausted;

	/**
	 * @param budget the run's budget
	 * @param paidCalls answers the run paid for before this execution
	 * @param spentUsd what they cost
	 * @param spentTokens the tokens they used
	 */
	SpendingGuard(Budget budget, long paidCalls, BigDecimal spentUsd, long spentTokens) {
		this.budget = budget;
		this.paidCalls = paidCalls;
		this.spentUsd = spentUsd;
		this.spentTokens = spentTokens;
		this.dearestUsd = (paidCalls > 0) ? spentUsd.divide(BigDecimal.valueOf(paidCalls), 12, RoundingMode.UP)
				: BigDecimal.ZERO;
		this.dearestTokens = (paidCalls > 0) ? (spentTokens + paidCalls - 1) / paidCalls : 0;
	}

	static SpendingGuard unlimited() {
		return new SpendingGuard(Budget.UNLIMITED, 0, BigDecimal.ZERO, 0);
	}

	/**
	 * Reserves room for one paid call; pair with {@link #paid} or {@link #failed}.
	 * @throws BudgetExhaustedException when the call would take the run past its budget
	 */
	synchronized void beforeCall() {
		if (!budget.isLimited()) {
			inFlight++;
			return;
		}
		if (exhausted != null) {
			throw exhausted;
		}
		while (paidCalls == 0 && inFlight > 0) {
			try {
				wait();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for the first answer's price", ex);
			}
			if (exhausted != null) {
				throw exhausted;
			}
		}
		if (paidCalls > 0) {
			long calls = inFlight + 1L;
			BudgetExhaustedException refusal = refusal(calls);
			if (refusal != null) {
				exhausted = refusal;
				throw refusal;
			}
		}
		inFlight++;
	}

	private @Nullable BudgetExhaustedException refusal(long calls) {
		BigDecimal usd = budget.usd();
		if (usd != null) {
			BigDecimal next = spentUsd.add(dearestUsd.multiply(BigDecimal.valueOf(calls)));
			if (next.compareTo(usd) > 0) {
				return new BudgetExhaustedException("the run has spent $"
						+ spentUsd.setScale(4, RoundingMode.HALF_UP).toPlainString() + " of its $" + usd.toPlainString()
						+ " budget, and its next calls (about $"
						+ dearestUsd.setScale(6, RoundingMode.HALF_UP).toPlainString()
						+ " each) would pass it. Raise budget.usd in the job file and run the job again to finish");
			}
		}
		Long tokens = budget.tokens();
		if (tokens != null) {
			if (spentTokens + dearestTokens * calls > tokens) {
				return new BudgetExhaustedException(String.format("the run has used %,d of its %,d-token budget, and"
						+ " its next calls (about %,d tokens each) would pass it. Raise budget.tokens in the job file"
						+ " and run the job again to finish", spentTokens, tokens, dearestTokens));
			}
		}
		return null;
	}

	synchronized void paid(ChatAnswer answer) {
		inFlight--;
		paidCalls++;
		spentUsd = spentUsd.add(answer.costUsd());
		spentTokens += answer.usage().totalTokens();
		dearestUsd = dearestUsd.max(answer.costUsd());
		dearestTokens = Math.max(dearestTokens, answer.usage().totalTokens());
		notifyAll();
	}

	/** Whether there is a budget to keep. */
	boolean limited() {
		return budget.isLimited();
	}

	/**
	 * Takes in what the run has spent in every process that works it (the workers of a
	 * distributed run), as the call ledger they all write says: from then on this process
	 * counts their spending as its own.
	 */
	synchronized void spentInAll(long allPaidCalls, BigDecimal allSpentUsd, long allSpentTokens) {
		paidCalls = Math.max(paidCalls, allPaidCalls);
		spentUsd = spentUsd.max(allSpentUsd);
		spentTokens = Math.max(spentTokens, allSpentTokens);
	}

	synchronized void failed() {
		inFlight--;
		notifyAll();
	}

}
