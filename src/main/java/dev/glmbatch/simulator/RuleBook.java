package dev.glmbatch.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * The active rules: those added in code, checked first in the order added, then those of
 * the rules file. Tracks how often each rule has been used so
 * {@link SimulatorRule#times()} can be honoured. Thread-safe.
 */
final class RuleBook {

	private final List<LimitedRule<SimulatorRule>> added = new CopyOnWriteArrayList<>();

	private final List<LimitedRule<SimulatorRule>> fromFile;

	RuleBook(List<SimulatorRule> fromFile) {
		this.fromFile = fromFile.stream().map(RuleBook::limited).toList();
	}

	void add(SimulatorRule rule) {
		this.added.add(limited(rule));
	}

	/** Removes the rules added in code; the rules file stays. */
	void clearAdded() {
		this.added.clear();
	}

	void resetUses() {
		this.added.forEach(LimitedRule::reset);
		this.fromFile.forEach(LimitedRule::reset);
	}

	/**
	 * The response of the first matching rule with uses left, using one of them;
	 * {@code null} if none applies.
	 */
	SimulatorRule.@Nullable Response apply(SimulatedRequest request) {
		SimulatorRule.Response response = firstApplying(this.added, request);
		return (response != null) ? response : firstApplying(this.fromFile, request);
	}

	private static LimitedRule<SimulatorRule> limited(SimulatorRule rule) {
		return new LimitedRule<>(rule, rule.times());
	}

	private static SimulatorRule.@Nullable Response firstApplying(List<LimitedRule<SimulatorRule>> entries,
			SimulatedRequest request) {
		for (LimitedRule<SimulatorRule> entry : entries) {
			if (entry.rule().match().matches(request) && entry.tryUse()) {
				return entry.rule().respond();
			}
		}
		return null;
	}

}
