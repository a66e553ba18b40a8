package dev.glmbatch.llm;

import java.util.Map;
import java.util.TreeMap;

/**
 * The calls of one model at one moment, as an {@link LlmTraffic} sees them. Counts cover
 * the life of the client; subtract an earlier snapshot ({@link #minus}) for one run.
 *
 * @param limit calls of this model allowed in flight now; 0 when the client sets no limit
 * @param inFlight attempts in flight now
 * @param rateLimited attempts answered "too many requests in flight" or "too frequent"
 * (Z.AI 1302, 1303)
 * @param overloaded attempts answered "platform overloaded" (Z.AI 1305)
 * @param faultsByCode failed attempts per code: the provider's business code or finish
 * reason, {@code http <status>} without one, {@code no response} for timeouts and
 * connection failures
 */
public record TrafficSnapshot(int limit, int inFlight, long rateLimited, long overloaded,
		Map<String, Long> faultsByCode) {

	public static final TrafficSnapshot EMPTY = new TrafficSnapshot(0, 0, 0, 0, Map.of());

	public TrafficSnapshot {
		faultsByCode = Map.copyOf(faultsByCode);
	}

	/** Counts since {@code earlier}; limit and in-flight stay those of this snapshot. */
	public TrafficSnapshot minus(TrafficSnapshot earlier) {
		Map<String, Long> faults = new TreeMap<>();
		faultsByCode.forEach((code, count) -> {
			long delta = count - earlier.faultsByCode.getOrDefault(code, 0L);
			if (delta > 0) {
				faults.put(code, delta);
			}
		});
		return new TrafficSnapshot(limit, inFlight, rateLimited - earlier.rateLimited, overloaded - earlier.overloaded,
				faults);
	}

	/** Attempts answered HTTP 429 for rate or load (1302, 1303, 1305). */
	public long throttled() {
		return rateLimited + overloaded;
	}

}
