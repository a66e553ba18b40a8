package dev.glmbatch.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.ThinkingMode;
import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.ItemLlmException;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.Thinking;
import dev.glmbatch.llm.ToolCall;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validation, repair and escalation, the same for every task.
 *
 * <p>
 * The first answer is validated. When it fails, one repair call follows: the same
 * conversation plus the failed answer and a message saying what was wrong, with the same
 * thinking as the first call; an answer cut off at the token limit is instead asked again
 * with twice the budget, and not escalated if that is cut off too. When that fails too
 * and the policy escalates, the first request is sent again with thinking enabled and a
 * larger budget. Every request is built only from the first request and the previous
 * answers, and those answers come from the call ledger on a restart, so a restarted row
 * sends byte-identical requests and pays for none of them twice. Thread-safe.
 */
final class CheckedCalls {

	private static final Logger log = LoggerFactory.getLogger(CheckedCalls.class);

	/**
	 * The failure kind of an answer cut off at {@code max_tokens}: retried once with
	 * twice the budget.
	 */
	static final String CUT_OFF = "cut_off";

	/**
	 * The largest {@code max_tokens} a retry asks for (GLM-4.5 answers at most 96K
	 * tokens).
	 */
	static final int MAX_TOKENS = 98_304;

	/** Tokens added to a call's budget for the model's reasoning when thinking is on. */
	static final int THINKING_BUDGET_TOKENS = 4096;

	private final LlmClient client;

	private final ThinkingPolicy policy;

	private final String model;

	private final String tagPrefix;

	/**
	 * @param model the model every call of the task asks
	 * @param tagPrefix the start of every request's tag, which the tasks complete with
	 * the row (see {@link #tag})
	 */
	CheckedCalls(LlmClient client, ThinkingMode thinkingMode, String model, String tagPrefix) {
		this.client = client;
		this.policy = new ThinkingPolicy(thinkingMode, model);
		this.model = model;
		this.tagPrefix = tagPrefix;
	}

	ThinkingPolicy policy() {
		return policy;
	}

	String model() {
		return model;
	}

	/** The tag of a row's first request: {@code <prefix>-r<row number>}. */
	String tag(SourceRow row) {
		return tagPrefix + "-r" + row.rowNumber();
	}

	/**
	 * A first request as most tasks send it: the task's model, greedy decoding, no
	 * streaming, and room for the answer (and for reasoning when thinking is on; see
	 * {@link #budget}).
	 */
	ChatRequest request(List<ChatMessage> messages, Thinking thinking, int answerBudget, String tag) {
		return new ChatRequest(model, messages, thinking, null, null, false, budget(answerBudget, thinking), false,
				false, tag);
	}

	/**
	 * Sends {@code first} and checks its answer, repairing and escalating as described
	 * above.
	 * @param first the first request; its thinking and budget already decided (see
	 * {@link #budget})
	 * @param answerBudget the budget of the answer alone, to which escalation adds room
	 * for reasoning
	 */
	<T> Outcome<T> call(ChatRequest first, int answerBudget, AnswerValidator<T> validator, String what) {
		List<ValidationFailure> failures = new ArrayList<>();
		ChatAnswer answer = client.complete(first);
		CallStats stats = CallStats.of(answer, first.thinking().isEnabled(), false, false);
		CheckedAnswer<T> checked = check(answer, validator);
		if (checked.passed()) {
			return new Outcome<>(checked.value(), null, shown(answer), stats, failures);
		}
		ValidationFailure failure = checked.requireFailure();
		failures.add(failure);
		log.debug("{}: repairing after {}", what, failure);
		// a cut-off answer was not wrong, only short of room: asking for a shorter one
		// would shorten a translation
		ChatRequest repair = failure.kind().equals(CUT_OFF) ? roomier(first, answerBudget)
				: repairRequest(first, answer, failure);
		ChatAnswer repaired = client.complete(repair);
		stats = stats.plus(CallStats.of(repaired, repair.thinking().isEnabled(), false, true));
		checked = check(repaired, validator);
		answer = repaired;
		if (checked.passed()) {
			return new Outcome<>(checked.value(), null, shown(answer), stats, failures);
		}
		ValidationFailure repairFailure = checked.requireFailure();
		failures.add(repairFailure);
		// an answer cut off even with twice the room lacks room, not reasoning: thinking
		// would only take more of it
		if (policy.escalates(first.thinking()) && !repairFailure.kind().equals(CUT_OFF)) {
			log.debug("{}: escalating to thinking after {}", what, repairFailure);
			ChatRequest escalation = first.withThinking(Thinking.ENABLED)
				.withMaxTokens(budget(answerBudget, Thinking.ENABLED));
			ChatAnswer escalated = client.complete(escalation);
			stats = stats.plus(CallStats.of(escalated, true, true, false));
			checked = check(escalated, validator);
			answer = escalated;
			if (checked.passed()) {
				return new Outcome<>(checked.value(), null, shown(answer), stats, failures);
			}
			failures.add(checked.failure());
		}
		return new Outcome<>(null, checked.failure(), shown(answer), stats, failures);
	}

	/**
	 * A row's result by {@link #call}: done with the outputs of its valid answer, or
	 * rejected, logged as such, when the call fails for the row or no answer passes.
	 * @param log the task's logger, for the rejection
	 * @param outputs the output columns of the valid answer
	 */
	<T> TaskResult perform(SourceRow row, ChatRequest first, int answerBudget, AnswerValidator<T> validator, Logger log,
			Function<T, Map<String, String>> outputs) {
		Outcome<T> outcome;
		try {
			outcome = call(first, answerBudget, validator, "row " + row.rowNumber());
		}
		catch (ItemLlmException ex) {
			RejectionLog.rejected(log, row.rowNumber(), ex.getMessage());
			return TaskResult.rejected(row, Map.of(), ex.getMessage(), CallStats.NONE);
		}
		if (!outcome.passed()) {
			RejectionLog.rejected(log, row.rowNumber(), outcome.failure());
			return TaskResult.rejected(row, Map.of(), outcome.rejection(), outcome.stats())
				.withFailures(outcome.failures());
		}
		return TaskResult.done(row, outputs.apply(outcome.requireValue()), outcome.stats())
			.withFailures(outcome.failures());
	}

	/**
	 * The max_tokens of a call: max_tokens covers reasoning too, so thinking gets room of
	 * its own.
	 */
	static int budget(int answerBudget, Thinking thinking) {
		return thinking.isEnabled() ? answerBudget + THINKING_BUDGET_TOKENS : answerBudget;
	}

	/**
	 * The first request again with twice its token budget, for an answer cut off at the
	 * limit.
	 */
	static ChatRequest roomier(ChatRequest first, int answerBudget) {
		int budget = (first.maxTokens() != null) ? first.maxTokens() : budget(answerBudget, first.thinking());
		return first.withMaxTokens(Math.min(2 * budget, MAX_TOKENS))
			.withTag((first.tag() != null) ? first.tag() + "-longer" : null);
	}

	private static <T> CheckedAnswer<T> check(ChatAnswer answer, AnswerValidator<T> validator) {
		if (answer.finishReason() == FinishReason.LENGTH) {
			return CheckedAnswer.failed(CUT_OFF, "the answer was cut off at the token limit");
		}
		return validator.validate(answer);
	}

	static ChatRequest repairRequest(ChatRequest first, ChatAnswer answer, ValidationFailure failure) {
		List<ChatMessage> messages = new ArrayList<>(first.messages());
		messages.add(ChatMessage.assistant(shown(answer)));
		messages.add(ChatMessage.user("Your previous answer was not accepted: " + failure.detail()
				+ ".\nAnswer the same request again, following every rule of the instructions. "
				+ "Answer with the corrected answer only."));
		return new ChatRequest(first.model(), messages, first.thinking(), first.temperature(), first.topP(),
				first.doSample(), first.maxTokens(), first.jsonMode(), first.stream(),
				(first.tag() != null) ? first.tag() + "-repair" : null, first.tools());
	}

	/**
	 * An answer as text, for a repair's conversation and a reject's reason: its content,
	 * and each function call it made as {@code name(arguments)}.
	 */
	static String shown(ChatAnswer answer) {
		StringBuilder text = new StringBuilder(answer.content());
		for (ToolCall call : answer.toolCalls()) {
			text.append(text.isEmpty() ? "" : "\n")
				.append(call.name())
				.append('(')
				.append(call.arguments())
				.append(')');
		}
		return text.toString();
	}

	/**
	 * How a checked call ended.
	 *
	 * @param value the parsed value, or {@code null} when every attempt failed
	 * @param failure the last attempt's failure, or {@code null} when it passed
	 * @param rawAnswer the last answer as the model wrote it
	 * @param stats the calls made
	 * @param failures every failure on the way
	 */
	record Outcome<T>(@Nullable T value, @Nullable ValidationFailure failure, String rawAnswer, CallStats stats,
			List<ValidationFailure> failures) {

		Outcome {
			failures = List.copyOf(failures);
		}

		boolean passed() {
			return value != null;
		}

		/**
		 * The value of an outcome that {@link #passed()}; asking a failed one for it is a
		 * programming error.
		 */
		T requireValue() {
			if (value == null) {
				throw new IllegalStateException("the answer failed: " + failure);
			}
			return value;
		}

		/**
		 * The reject reason: the failure and the raw answer, so that a reader sees what
		 * came back.
		 */
		String rejection() {
			return ((failure != null) ? failure.detail() : "passed") + "; raw answer: " + rawAnswer.strip();
		}

	}

}
