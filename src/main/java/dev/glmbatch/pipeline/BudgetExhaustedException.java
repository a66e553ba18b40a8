package dev.glmbatch.pipeline;

/**
 * The next GLM call would take a run past its budget. Not an error of the row: the run
 * stops, restartable, and the row is processed when the run resumes with a higher budget.
 */
public final class BudgetExhaustedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	BudgetExhaustedException(String message) {
		// no stack trace: every worker that tries a call after the stop throws one
		super(message, null, false, false);
	}

}
