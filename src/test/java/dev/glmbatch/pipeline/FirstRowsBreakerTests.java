package dev.glmbatch.pipeline;

import java.util.List;
import java.util.Map;

import dev.glmbatch.input.SourceRow;
import dev.glmbatch.llm.ItemLlmException;
import dev.glmbatch.task.CallStats;
import dev.glmbatch.task.TaskResult;
import dev.glmbatch.task.ValidationFailure;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the breaker makes of the first rows of a run, in row order. */
class FirstRowsBreakerTests {

	private final FirstRowsBreaker breaker = new FirstRowsBreaker(true);

	private long rowNumber;

	@Test
	void tenRowsRefusedWithTheSameCodeTripItAndTheProblemQuotesGlm() {
		for (int i = 0; i < 9; i++) {
			refused("1214", "GLM refused this request: HTTP 400, code 1214: max_tokens is out of range");
		}
		assertThat(breaker.watching()).isTrue();

		refused("1214", "GLM refused this request: HTTP 400, code 1214: max_tokens is out of range");

		assertThat(breaker.state()).isEqualTo(FirstRowsBreaker.State.TRIPPED);
		assertThat(breaker.problem())
			.startsWith("GLM refused the first 10 rows the same way, so it would refuse every"
					+ " row: GLM refused this request: HTTP 400, code 1214: max_tokens is out of range.")
			.contains("check the model, thinking and the task's options")
			.endsWith("the rows logged as rejected were not kept as rejected, and are processed then.");
	}

	@Test
	void aRefusalWithoutACodeIsKnownByItsMessage() {
		for (int i = 0; i < 10; i++) {
			refused(null, "GLM refused this request: HTTP 400: Tool choice must be auto");
		}

		assertThat(breaker.state()).isEqualTo(FirstRowsBreaker.State.TRIPPED);
		assertThat(breaker.problem()).contains("Tool choice must be auto");
	}

	@Test
	void contentRefusalsClearIt() {
		refused("1210", "GLM refused this request: HTTP 400, code 1210: bad parameter");
		refused("1301", "GLM refused this request: HTTP 400, code 1301: unsafe content");

		assertThat(breaker.state()).isEqualTo(FirstRowsBreaker.State.CLEARED);
	}

	@Test
	void aRowDoneOrFailingDifferentlyClearsIt() {
		failedCheck("schema");
		failedCheck("schema");
		failedCheck("not_json");
		assertThat(breaker.state()).isEqualTo(FirstRowsBreaker.State.CLEARED);

		FirstRowsBreaker other = new FirstRowsBreaker(true);
		other.observe(TaskResult.done(row(), Map.of("name_fr", "Lampe"), CallStats.NONE), answered());
		assertThat(other.state()).isEqualTo(FirstRowsBreaker.State.CLEARED);
	}

	@Test
	void tenAnswersFailingTheSameCheckTripItAndRowsRejectedWithoutACallDoNotCount() {
		for (int i = 0; i < 9; i++) {
			failedCheck("schema");
		}
		breaker.observe(TaskResult.rejected(SourceRow.rejected(++rowNumber, rowNumber + 1, Map.of(), "ragged"),
				Map.of(), "line 12 has 2 fields", CallStats.NONE), new RowCalls());
		assertThat(breaker.watching()).isTrue();
		assertThat(breaker.rowsToRun()).isEqualTo(11);

		failedCheck("schema");

		assertThat(breaker.state()).isEqualTo(FirstRowsBreaker.State.TRIPPED);
		assertThat(breaker.problem()).startsWith("The answers to the first 10 rows all failed their check the same way"
				+ " (schema: the JSON does not match the schema: $.code does not match the pattern)");
	}

	@Test
	void fewerRowsThanItNeedsAndARunThatCommittedRowsNeverTripIt() {
		failedCheck("schema");
		breaker.undecidable();
		assertThat(breaker.state()).isEqualTo(FirstRowsBreaker.State.CLEARED);

		assertThat(new FirstRowsBreaker(false).watching()).isFalse();
	}

	private void refused(@Nullable String code, String message) {
		RowCalls calls = new RowCalls();
		calls.refused(new ItemLlmException(message, code, 400, "req-1", 1, null));
		breaker.observe(TaskResult.rejected(row(), Map.of(), "name_fr: " + message, CallStats.NONE), calls);
	}

	private void failedCheck(String kind) {
		ValidationFailure failure = new ValidationFailure(kind,
				"the JSON does not match the schema: $.code does not" + " match the pattern");
		breaker.observe(TaskResult.rejected(row(), Map.of(), failure.detail() + "; raw answer: {}", CallStats.NONE)
			.withFailures(List.of(failure, failure)), answered());
	}

	private static RowCalls answered() {
		RowCalls calls = new RowCalls();
		calls.answered();
		return calls;
	}

	private SourceRow row() {
		rowNumber++;
		return SourceRow.of(rowNumber, rowNumber + 1, Map.of("name", "Lamp " + rowNumber));
	}

}
