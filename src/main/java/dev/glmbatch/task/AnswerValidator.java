package dev.glmbatch.task;

import dev.glmbatch.llm.ChatAnswer;

/**
 * Checks and parses one answer of a task. Pure and thread-safe: the same content always
 * gives the same result, which keeps repair calls deterministic for the call ledger.
 *
 * @param <T> what a valid answer parses to
 */
@FunctionalInterface
interface AnswerValidator<T> {

	/** The parsed value, or the first problem found; never throws for bad content. */
	CheckedAnswer<T> validate(String content);

	/**
	 * Checks a whole answer; most tasks look at its text only, a task that offers a
	 * function at its calls too.
	 */
	default CheckedAnswer<T> validate(ChatAnswer answer) {
		return validate(answer.content().strip());
	}

}
