package dev.glmbatch.pipeline;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one execution of a run measured about its GLM calls: the wall time of each paid
 * call (retries and waits for a free slot included), and the answers it did not have to
 * pay for. Thread-safe.
 */
public final class RunMeter {

	private final LongAdder deduplicated = new LongAdder();

	private final LongAdder ledgerHits = new LongAdder();

	private final LongAdder earlierRunHits = new LongAdder();

	private long[] latenciesMicros = new long[1024];

	private int latencyCount;

	void paidCall(long nanos) {
		synchronized (this) {
			if (latencyCount == latenciesMicros.length) {
				latenciesMicros = Arrays.copyOf(latenciesMicros, latencyCount * 2);
			}
			latenciesMicros[latencyCount++] = nanos / 1000;
		}
	}

	void deduplicated() {
		deduplicated.increment();
	}

	void ledgerHit() {
		ledgerHits.increment();
	}

	void earlierRunHit() {
		earlierRunHits.increment();
	}

	/**
	 * Calls not sent because an identical request was in flight at the same moment; its
	 * answer was shared.
	 */
	public long deduplicatedCalls() {
		return deduplicated.sum();
	}

	/**
	 * Answers found in the call ledger: paid by an earlier execution, or by an identical
	 * earlier request.
	 */
	public long ledgerHits() {
		return ledgerHits.sum();
	}

	/**
	 * Answers found among the call ledger entries of earlier runs (of any job) instead of
	 * paid.
	 */
	public long earlierRunHits() {
		return earlierRunHits.sum();
	}

	/** The wall time of each paid call measured so far, in microseconds. */
	public synchronized long[] latenciesMicros() {
		return Arrays.copyOf(latenciesMicros, latencyCount);
	}

	/** Paid calls measured so far. */
	public synchronized int paidCalls() {
		return latencyCount;
	}

	/**
	 * A percentile of the paid calls' wall time, nearest rank.
	 * @param percent from 0 to 100
	 * @return milliseconds, 0 when no call was measured
	 */
	public double latencyPercentileMillis(double percent) {
		long[] sorted;
		synchronized (this) {
			sorted = Arrays.copyOf(latenciesMicros, latencyCount);
		}
		if (sorted.length == 0) {
			return 0;
		}
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1000.0;
	}

}
