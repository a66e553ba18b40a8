package dev.glmbatch.run.permit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.glmbatch.llm.SharedInFlightLimit;

/**
 * The permits of one model that this process holds: leased from the table a block at a
 * time and handed out to this process's attempts locally, so that an attempt costs a
 * database round trip only when the block runs out. A process holds at most its fair
 * share of the limit ({@link FairShare}), read at each renewal: above it, or above a
 * lowered limit, a permit is given back as soon as its attempt ends. The limit itself,
 * grown and cut together with the other processes, is {@link AdaptiveLimit}'s.
 * Thread-safe.
 */
final class ModelPermits {

	/** How long a thread waits before asking the table again when it had no permit. */
	private static final long RETRY_MILLIS = 100;

	private final String model;

	private final String owner;

	private final PermitTable table;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = lock.newCondition();

	private final Set<Integer> held = new HashSet<>();

	private final Deque<Integer> free = new ArrayDeque<>();

	private int inUse;

	private int waiting;

	// until the first renewal says otherwise, the whole limit
	private int share = Integer.MAX_VALUE;

	private final AdaptiveLimit limit;

	private boolean claiming;

	private long claimAfterNanos = System.nanoTime();

	private long lastClaimNanos = System.nanoTime();

	private boolean announced;

	ModelPermits(String model, String owner, PermitTable table) {
		this.model = model;
		this.owner = owner;
		this.table = table;
		this.limit = new AdaptiveLimit(model, table, this::signalChanged);
	}

	int limit() {
		return limit.current();
	}

	/** Reads the limit, its ceiling and its epoch from the table. */
	void readLimit() {
		limit.read();
	}

	private void signalChanged() {
		lock.lock();
		try {
			changed.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	SharedInFlightLimit.Permit acquire() throws InterruptedException {
		lock.lockInterruptibly();
		try {
			waiting++;
			try {
				while (true) {
					if (!free.isEmpty() && inUse < allowed()) {
						inUse++;
						return new Lease(this, free.pop(), limit.epoch());
					}
					int gap = allowed() - held.size();
					if (gap > 0 && !claiming && System.nanoTime() - claimAfterNanos >= 0) {
						claim(gap);
					}
					else {
						changed.await(RETRY_MILLIS, TimeUnit.MILLISECONDS);
					}
				}
			}
			finally {
				waiting--;
			}
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Leases a block of permits, the lock released meanwhile. Called holding the lock.
	 */
	private void claim(int count) {
		claiming = true;
		List<Integer> claimed = List.of();
		lock.unlock();
		try {
			claimed = table.claim(model, owner, count);
		}
		finally {
			lock.lock();
			claiming = false;
			lastClaimNanos = System.nanoTime();
		}
		held.addAll(claimed);
		free.addAll(claimed);
		if (claimed.isEmpty()) {
			claimAfterNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_MILLIS);
		}
		changed.signalAll();
	}

	private int allowed() {
		return Math.min(share, limit.current());
	}

	void release(int slot) {
		boolean giveBack = false;
		lock.lock();
		try {
			inUse--;
			if (held.contains(slot)) {
				if (slot > limit.current() || held.size() > allowed()) {
					held.remove(slot);
					giveBack = true;
				}
				else {
					free.push(slot);
					changed.signal();
				}
			}
		}
		finally {
			lock.unlock();
		}
		if (giveBack) {
			table.giveBack(model, owner, List.of(slot));
		}
	}

	void succeeded(long permitEpoch) {
		limit.succeeded(permitEpoch);
	}

	void rateLimited(long permitEpoch) {
		if (limit.rateLimited(permitEpoch)) {
			table.giveBack(model, owner, surplus());
		}
	}

	/**
	 * One renewal: drops the permits lost, says what this process wants, reads the limit
	 * and the others' wants, and gives back the free permits above the share.
	 * @param stillHeld this model's permits that the renewal found held by this process
	 * @param renewedSinceNanos when the renewal started: a block claimed since is not
	 * lost
	 */
	void renewed(Collection<Integer> stillHeld, long renewedSinceNanos) {
		int wanted;
		lock.lock();
		try {
			if (!claiming && lastClaimNanos - renewedSinceNanos < 0) {
				held.retainAll(stillHeld);
				free.retainAll(stillHeld);
			}
			wanted = inUse + waiting;
			if (wanted == 0 && held.isEmpty() && !announced) {
				return;
			}
			announced = wanted > 0 || !held.isEmpty();
		}
		finally {
			lock.unlock();
		}
		Map<String, Integer> wants = table.wants(model, owner, wanted);
		readLimit();
		lock.lock();
		try {
			share = FairShare.of(owner, wants, limit.current());
		}
		finally {
			lock.unlock();
		}
		table.giveBack(model, owner, surplus());
	}

	/** Takes out the free permits above the share or the limit, to give back. */
	private List<Integer> surplus() {
		List<Integer> surplus = new ArrayList<>();
		lock.lock();
		try {
			for (Integer slot : List.copyOf(free)) {
				if (slot > limit.current() || held.size() > allowed()) {
					free.remove(slot);
					held.remove(slot);
					surplus.add(slot);
				}
			}
		}
		finally {
			lock.unlock();
		}
		return surplus;
	}

}
