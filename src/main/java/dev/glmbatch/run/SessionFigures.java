package dev.glmbatch.run;

import java.util.Map;

import dev.glmbatch.llm.TrafficSnapshot;
import dev.glmbatch.pipeline.PartitionFigures;
import dev.glmbatch.pipeline.RunMeter;

/**
 * What one execution measured about its GLM calls, beyond the committed totals.
 *
 * @param paidCalls calls paid in this execution
 * @param latencyP50Millis median wall time of a paid call (retries and waits for a slot
 * included)
 * @param latencyP95Millis 95th percentile
 * @param latencyP99Millis 99th percentile
 * @param deduplicatedCalls calls not sent because an identical request was in flight at
 * the same moment
 * @param ledgerHits answers found in the call ledger instead of paid (earlier executions,
 * identical earlier rows)
 * @param inFlightLimit the model's adaptive in-flight limit at the end
 * @param rateLimited attempts answered 1302 or 1303
 * @param overloaded attempts answered 1305
 * @param retriesByCode failed attempts per code (each was retried, or ended its call)
 * @param budget the run's budget as the job states it
 */
public record SessionFigures(long paidCalls, double latencyP50Millis, double latencyP95Millis, double latencyP99Millis,
		long deduplicatedCalls, long ledgerHits, int inFlightLimit, long rateLimited, long overloaded,
		Map<String, Long> retriesByCode, String budget) {

	public static final SessionFigures NONE = new SessionFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), "no budget");

	public SessionFigures {
		retriesByCode = Map.copyOf(retriesByCode);
	}

	/** The figures of an execution whose calls the workers of a distributed run made. */
	static SessionFigures of(PartitionFigures.Merged workers, String budget) {
		return new SessionFigures(workers.paidCalls(), workers.latencyP50Millis(), workers.latencyP95Millis(),
				workers.latencyP99Millis(), workers.deduplicatedCalls(), workers.ledgerHits(), workers.inFlightLimit(),
				workers.rateLimited(), workers.overloaded(), workers.retriesByCode(), budget);
	}

	/**
	 * The figures of an execution from what its meter counted and the change in the
	 * model's traffic while it ran.
	 */
	static SessionFigures of(RunMeter meter, TrafficSnapshot traffic, String budget) {
		return new SessionFigures(meter.paidCalls(), meter.latencyPercentileMillis(50),
				meter.latencyPercentileMillis(95), meter.latencyPercentileMillis(99), meter.deduplicatedCalls(),
				meter.ledgerHits(), traffic.limit(), traffic.rateLimited(), traffic.overloaded(),
				traffic.faultsByCode(), budget);
	}

}
