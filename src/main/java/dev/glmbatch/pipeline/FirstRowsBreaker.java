package dev.glmbatch.pipeline;

import java.util.List;
import java.util.Set;

import dev.glmbatch.llm.ItemLlmException;
import dev.glmbatch.task.RowStatus;
import dev.glmbatch.task.TaskResult;
import dev.glmbatch.task.ValidationFailure;
import org.jspecify.annotations.Nullable;

/**
 * Tells a problem of the job from problems of its rows. When the first {@value #ROWS}
 * rows of a run all fail the same way, every row would: GLM refused each request with the
 * same code (a parameter every row sends, a model the account cannot use, a prompt
 * template too long), or each answer failed its check the same way (a schema or label set
 * the model cannot satisfy). Rejecting row after row would pay for the whole input and
 * hide the cause, so the run fails instead, quoting the reason, and those rows are left
 * for the resume after the fix.
 *
 * <p>
 * Judged in row order, on the results of the first rows of a run that has committed none
 * yet. Content refusals (1300, 1301, {@code finish_reason: sensitive}) and 1231 are about
 * one row and clear the breaker, as does any row done or failing differently; rows
 * rejected without a call (a ragged input line) do not count either way. Not thread-safe:
 * the step thread uses it.
 */
final class FirstRowsBreaker {

	/** How many rows in a row must fail the same way. */
	static final int ROWS = 10;

	/**
	 * Refusals about the content of one row, or about one request's id: never a problem
	 * of the job.
	 */
	private static final Set<String> ROW_REFUSALS = Set.of("1300", "1301", "sensitive", "1231");

	enum State {

		WATCHING, CLEARED, TRIPPED

	}

	private State state;

	private @Nullable String symptom;

	private @Nullable String reason;

	private int count;

	private int neutral;

	/**
	 * @param armed whether to watch: only a run that has committed no row yet
	 */
	FirstRowsBreaker(boolean armed) {
		this.state = armed ? State.WATCHING : State.CLEARED;
	}

	State state() {
		return state;
	}

	boolean watching() {
		return state == State.WATCHING;
	}

	/**
	 * Rows to run while watching: the rows judged so far must reach {@value #ROWS} that
	 * count.
	 */
	int rowsToRun() {
		return ROWS + neutral;
	}

	/**
	 * Judges the next row in order.
	 * @param result the row's result
	 * @param calls how its calls went
	 */
	void observe(TaskResult result, RowCalls calls) {
		if (state != State.WATCHING) {
			return;
		}
		if (result.status() == RowStatus.DONE) {
			state = State.CLEARED;
			return;
		}
		ItemLlmException refusal = calls.lastRefusal();
		List<ValidationFailure> failures = result.failures();
		String rowSymptom;
		String rowReason;
		if (refusal != null) {
			String code = refusal.code();
			if (code != null && ROW_REFUSALS.contains(code)) {
				state = State.CLEARED;
				return;
			}
			rowSymptom = "refused " + ((code != null) ? code : refusal.getMessage());
			rowReason = refusal.getMessage();
		}
		else if (calls.calls() > 0 && !failures.isEmpty()) {
			ValidationFailure last = failures.get(failures.size() - 1);
			rowSymptom = "check " + last.kind();
			rowReason = last.toString();
		}
		else if (calls.calls() == 0) {
			neutral++;
			return;
		}
		else {
			state = State.CLEARED;
			return;
		}
		if (symptom != null && !symptom.equals(rowSymptom)) {
			state = State.CLEARED;
			return;
		}
		symptom = rowSymptom;
		reason = rowReason;
		count++;
		if (count >= ROWS) {
			state = State.TRIPPED;
		}
	}

	/**
	 * The input ended, or a row could not be judged, before the breaker tripped: the rows
	 * go on as usual.
	 */
	void undecidable() {
		if (state == State.WATCHING) {
			state = State.CLEARED;
		}
	}

	/** Why the run must stop; only once {@link State#TRIPPED tripped}. */
	String problem() {
		String what = (symptom != null && symptom.startsWith("check ")) ? answersProblem() : refusalProblem();
		return what + " Fix the job, then run the same command to resume: the rows logged as rejected were not"
				+ " kept as rejected, and are processed then.";
	}

	private String answersProblem() {
		return "The answers to the first " + ROWS + " rows all failed their check the same way (" + reason + "), after"
				+ " repair and escalation, so every row's would: the job's instructions, labels or schema cannot be"
				+ " met as written, or the model cannot meet them.";
	}

	private String refusalProblem() {
		return "GLM refused the first " + ROWS + " rows the same way, so it would refuse every row: " + reason + "."
				+ hint();
	}

	private String hint() {
		String code = (symptom != null) ? symptom.substring("refused ".length()) : "";
		return switch (code) {
			case "1210", "1213", "1214" -> " A setting the job sends with every request is refused: check the"
					+ " model, thinking and the task's options against GLM's message.";
			case "1261", "context_length_exceeded", "model_context_window_exceeded" -> " The prompts are longer than"
					+ " the model takes: shorten the job's instructions or send fewer columns.";
			case "length" -> " The answers use up their token budget before they begin: turn thinking off, or"
					+ " choose a model that reasons less.";
			default -> "";
		};
	}

}
