package dev.glmbatch.simulator;

import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * A scripted rule that applies a given number of times, or always, and how often it has
 * applied. Thread-safe: two requests never both take its last use.
 *
 * @param <R> the kind of rule
 */
final class LimitedRule<R> {

	private final R rule;

	private final @Nullable Integer times;

	private final AtomicInteger uses = new AtomicInteger();

	/**
	 * @param times how many times the rule applies, or {@code null} for always
	 */
	LimitedRule(R rule, @Nullable Integer times) {
		this.rule = rule;
		this.times = times;
	}

	R rule() {
		return this.rule;
	}

	/** Takes one use of the rule; {@code false} when none is left. */
	boolean tryUse() {
		Integer limit = this.times;
		return limit == null || this.uses.getAndUpdate((n) -> (n < limit) ? n + 1 : n) < limit;
	}

	/** Gives the rule all its uses again. */
	void reset() {
		this.uses.set(0);
	}

}
