package dev.glmbatch.llm.glm;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import dev.glmbatch.llm.TrafficSnapshot;

/**
 * The in-flight slots of one model: the adaptive limit, the attempts holding a slot, and
 * what the server answered (see {@link ConcurrencyGovernor} for the rules). Thread-safe.
 */
final class ModelQuota {

	static final Set<String> RATE_LIMIT_CODES = Set.of("1302", "1303");

	static final Set<String> OVERLOAD_CODES = Set.of("1305");

	private int ceiling;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition slotFreed = lock.newCondition();

	private int limit;

	private int inFlight;

	private int successesInRow;

	// bumped at each cut: an attempt sent under an older epoch does not cut again
	private long limitEpoch;

	private final LongAdder rateLimited = new LongAdder();

	private final LongAdder overloaded = new LongAdder();

	private final Map<String, LongAdder> faults = new ConcurrentHashMap<>();

	ModelQuota(int ceiling) {
		if (ceiling < 1) {
			throw new IllegalArgumentException("the in-flight limit must be >= 1, was " + ceiling);
		}
		this.ceiling = ceiling;
		this.limit = ceiling;
	}

	/**
	 * A new ceiling; the limit starts again at it, and the threads it lets in are woken.
	 */
	void ceiling(int newCeiling) {
		lock.lock();
		try {
			ceiling = newCeiling;
			limit = newCeiling;
			successesInRow = 0;
			limitEpoch++;
			slotFreed.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	InFlightPermit acquire(ConcurrencyGovernor governor, long pauseEpoch) throws InterruptedException {
		lock.lockInterruptibly();
		try {
			while (inFlight >= limit) {
				slotFreed.await();
			}
			inFlight++;
			return new InFlightPermit(governor, this, limitEpoch, pauseEpoch);
		}
		finally {
			lock.unlock();
		}
	}

	void succeeded() {
		lock.lock();
		try {
			successesInRow++;
			if (successesInRow >= limit && limit < ceiling) {
				limit++;
				successesInRow = 0;
				slotFreed.signal();
			}
			free();
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * An attempt failed; a rate limit answer cuts the limit if none was cut since the
	 * attempt started.
	 */
	void failed(String faultKey, boolean rateLimit, long permitEpoch) {
		faults.computeIfAbsent(faultKey, key -> new LongAdder()).increment();
		lock.lock();
		try {
			successesInRow = 0;
			if (rateLimit && permitEpoch == limitEpoch) {
				limit = Math.max(1, limit / 2);
				limitEpoch++;
			}
			free();
		}
		finally {
			lock.unlock();
		}
	}

	/** Frees the slot without a verdict (the attempt was interrupted). */
	void released() {
		lock.lock();
		try {
			free();
		}
		finally {
			lock.unlock();
		}
	}

	void countFault(String faultKey) {
		faults.computeIfAbsent(faultKey, key -> new LongAdder()).increment();
	}

	void countRateLimited() {
		rateLimited.increment();
	}

	void countOverloaded() {
		overloaded.increment();
	}

	private void free() {
		inFlight--;
		if (inFlight < limit) {
			slotFreed.signal();
		}
	}

	TrafficSnapshot snapshot() {
		lock.lock();
		int currentLimit;
		int current;
		try {
			currentLimit = limit;
			current = inFlight;
		}
		finally {
			lock.unlock();
		}
		Map<String, Long> byCode = faults.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().sum()));
		return new TrafficSnapshot(currentLimit, current, rateLimited.sum(), overloaded.sum(), byCode);
	}

}
