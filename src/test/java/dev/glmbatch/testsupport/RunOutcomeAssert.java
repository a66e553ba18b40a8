package dev.glmbatch.testsupport;

import dev.glmbatch.run.RunOutcome;
import dev.glmbatch.run.RunStatus;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on how a run ended, so that a test says what it expects in one
 * chain: {@code assertThat(outcome).isCompleted().hasRows(31).hasRejected(2)}. A status
 * that is not the expected one is reported with the run's failure, which is what a reader
 * needs to see first.
 */
public final class RunOutcomeAssert extends AbstractAssert<RunOutcomeAssert, RunOutcome> {

	private RunOutcomeAssert(RunOutcome actual) {
		super(actual, RunOutcomeAssert.class);
	}

	public static RunOutcomeAssert assertThat(RunOutcome actual) {
		return new RunOutcomeAssert(actual);
	}

	public RunOutcomeAssert isCompleted() {
		return hasStatus(RunStatus.COMPLETED);
	}

	public RunOutcomeAssert isStopped() {
		return hasStatus(RunStatus.STOPPED);
	}

	public RunOutcomeAssert isFailed() {
		return hasStatus(RunStatus.FAILED);
	}

	public RunOutcomeAssert isAlreadyCompleted() {
		return hasStatus(RunStatus.ALREADY_COMPLETED);
	}

	public RunOutcomeAssert hasStatus(RunStatus status) {
		isNotNull();
		if (actual.status() != status) {
			failWithMessage("Expected run %d to be %s but it was %s (failure: %s)", actual.runId(), status,
					actual.status(), actual.failure());
		}
		return this;
	}

	/** Rows staged over every execution of the run. */
	public RunOutcomeAssert hasRows(long rows) {
		return hasTotal("rows", actual.totals().rows(), rows);
	}

	/** Rows with every output. */
	public RunOutcomeAssert hasDone(long done) {
		return hasTotal("done rows", actual.totals().done(), done);
	}

	/** Rows in the reject file. */
	public RunOutcomeAssert hasRejected(long rejected) {
		return hasTotal("rejected rows", actual.totals().rejected(), rejected);
	}

	public RunOutcomeAssert hasNoRejects() {
		return hasRejected(0);
	}

	/** GLM answers used. */
	public RunOutcomeAssert hasCalls(long calls) {
		return hasTotal("calls", actual.totals().calls(), calls);
	}

	private RunOutcomeAssert hasTotal(String what, long actualValue, long expected) {
		isNotNull();
		if (actualValue != expected) {
			failWithMessage("Expected run %d to have %d %s but it had %d", actual.runId(), expected, what, actualValue);
		}
		return this;
	}

}
