package dev.glmbatch.simulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The active rules: those added in code, checked first in the order added, then those of
 * the rules file. Tracks how often each rule has been used so
 * {@link SimulatorRule#times()} can be honoured. Thread-safe.
 */
final class RuleBook {

	private final List<Entry> added = new CopyOnWriteArrayList<>();

	private final List<Entry> fromFile;

	RuleBook(List<SimulatorRule> fromFile) {
		this.fromFile = fromFile.stream().map(Entry::new).toList();
	}

	void add(SimulatorRule rule) {
		this.added.add(new Entry(rule));
	}

	/** Removes the rules added in code; the rules file stays. */
	void clearAdded() {
		this.added.clear();
	}

	void resetUses() {
		this.added.forEach((entry) -> entry.uses.set(0));
		this.fromFile.forEach((entry) -> entry.uses.set(0));
	}

	/**
	 * The response of the first matching rule with uses left, using one of them;
	 * {@code null} if none applies.
	 */
	SimulatorRule.@Nullable Response apply(SimulatedRequest request) {
		SimulatorRule.Response response = firstApplying(this.added, request);
		return (response != null) ? response : firstApplying(this.fromFile, request);
	}

	private static SimulatorRule.@Nullable Response firstApplying(List<Entry> entries, SimulatedRequest request) {
		for (Entry entry : entries) {
			if (entry.rule.match().matches(request) && entry.tryUse()) {
				return entry.rule.respond();
			}
		}
		return null;
	}

	private static final class Entry {

		private final SimulatorRule rule;

		private final AtomicInteger uses = new AtomicInteger();

		Entry(SimulatorRule rule) {
			this.rule = rule;
		}

		boolean tryUse() {
			Integer times = this.rule.times();
			if (times == null) {
				this.uses.incrementAndGet();
				return true;
			}
			int current;
			do {
				current = this.uses.get();
				if (current >= times) {
					return false;
				}
			}
			while (!this.uses.compareAndSet(current, current + 1));
			return true;
		}

	}

}
