package dev.glmbatch.run.permit;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One model's adaptive in-flight limit as this process last read it from the limit row
 * that every process shares: grown in the table by one after as many successes in a row
 * as the limit (up to its ceiling), and cut in the table on a rate-limit answer. The
 * epoch, which each cut moves on, marks the answers to attempts sent before the last cut:
 * they neither cut again nor grow. Kept apart from {@link ModelPermits}, which hands out
 * the permits under this limit, because the limit is the processes' shared state and the
 * permits are this process's. Thread-safe; its lock is never held while the table is
 * asked.
 */
final class AdaptiveLimit {

	private final String model;

	private final PermitTable table;

	/** Called after each read from the table, so that waiting attempts look again. */
	private final Runnable onRead;

	private final ReentrantLock lock = new ReentrantLock();

	private int current;

	private int ceiling;

	private long epoch;

	private int successesInRow;

	AdaptiveLimit(String model, PermitTable table, Runnable onRead) {
		this.model = model;
		this.table = table;
		this.onRead = onRead;
	}

	int current() {
		return locked(() -> current);
	}

	long epoch() {
		return locked(() -> epoch);
	}

	private <T> T locked(Supplier<T> read) {
		lock.lock();
		try {
			return read.get();
		}
		finally {
			lock.unlock();
		}
	}

	/** Reads the limit, its ceiling and its epoch from the table. */
	void read() {
		PermitTable.Limit read = table.limit(model);
		if (read == null) {
			return;
		}
		lock.lock();
		try {
			current = read.current();
			ceiling = read.ceiling();
			epoch = read.epoch();
		}
		finally {
			lock.unlock();
		}
		onRead.run();
	}

	/** Counts the success of an attempt sent in {@code permitEpoch}. */
	void succeeded(long permitEpoch) {
		boolean grow;
		lock.lock();
		try {
			successesInRow++;
			grow = successesInRow >= current && current < ceiling && permitEpoch == epoch;
			if (grow) {
				successesInRow = 0;
			}
		}
		finally {
			lock.unlock();
		}
		if (grow) {
			table.grow(model, permitEpoch);
			read();
		}
	}

	/**
	 * Cuts the limit for a rate-limit answer to an attempt sent in {@code permitEpoch},
	 * unless it was cut since.
	 * @return whether it cut
	 */
	boolean rateLimited(long permitEpoch) {
		boolean cut;
		lock.lock();
		try {
			successesInRow = 0;
			cut = permitEpoch == epoch;
			if (cut) {
				// the other threads' answers to attempts sent before this cut do not cut
				// again
				epoch++;
			}
		}
		finally {
			lock.unlock();
		}
		if (cut) {
			table.cut(model, permitEpoch);
			read();
		}
		return cut;
	}

}
