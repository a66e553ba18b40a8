package dev.glmbatch.simulator;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The live counters behind {@link SimulatorStats}, and the memory of which request bodies
 * were already answered. Thread-safe; a snapshot taken while requests run may mix counts
 * from before and after one of them.
 */
final class StatsRecorder {

	private final LongAdder requests = new LongAdder();

	private final Map<Integer, LongAdder> byHttpStatus = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> byCode = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> byModel = new ConcurrentHashMap<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger maxInFlight = new AtomicInteger();

	private final LongAdder thinkingEnabled = new LongAdder();

	private final LongAdder thinkingDisabled = new LongAdder();

	private final Map<String, LongAdder> byReasoningEffort = new ConcurrentHashMap<>();

	private final LongAdder reasoningTokens = new LongAdder();

	private final LongAdder promptTokens = new LongAdder();

	private final LongAdder completionTokens = new LongAdder();

	private final LongAdder cachedTokens = new LongAdder();

	private final LongAdder repaidCalls = new LongAdder();

	private final LongAdder streamed = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final LongAdder answeredNanos = new LongAdder();

	private final LongAdder answeredCount = new LongAdder();

	private final Set<String> answeredFingerprints = ConcurrentHashMap.newKeySet();

	void requestStarted() {
		this.requests.increment();
	}

	/**
	 * Counts a valid chat request as in flight until it finishes: a request refused as
	 * malformed (such as a client's free probe) never counts toward an account's
	 * concurrency.
	 */
	void requestValidated(SimulatedRequest request) {
		int now = this.inFlight.incrementAndGet();
		this.maxInFlight.accumulateAndGet(now, Math::max);
		(request.thinking() ? this.thinkingEnabled : this.thinkingDisabled).increment();
		count(this.byModel, request.model());
		if (request.reasoningEffort() != null) {
			count(this.byReasoningEffort, request.reasoningEffort());
		}
	}

	/**
	 * Counts a successful answer; it is a repaid call when the same body was answered
	 * successfully before.
	 */
	void answered(SimulatedRequest request, Answer answer, int cached) {
		this.promptTokens.add(request.prompt().total());
		this.completionTokens.add(answer.completionTokens());
		this.reasoningTokens.add(answer.reasoningPieces().size());
		this.cachedTokens.add(cached);
		if (request.stream()) {
			this.streamed.increment();
		}
		if (!this.answeredFingerprints.add(request.fingerprint())) {
			this.repaidCalls.increment();
		}
	}

	/**
	 * Ends a request.
	 * @param httpStatus the status sent, or {@code 0} when the connection was dropped
	 * @param code the business code of an error response, or {@code null}
	 * @param nanos how long the request took from arrival to its last bytes being due
	 * @param validated whether {@link #requestValidated} counted it in flight
	 */
	void requestFinished(int httpStatus, @Nullable String code, long nanos, boolean validated) {
		if (validated) {
			this.inFlight.decrementAndGet();
		}
		if (httpStatus == 200 && code == null) {
			this.answeredNanos.add(nanos);
			this.answeredCount.increment();
		}
		if (httpStatus == 0) {
			this.dropped.increment();
		}
		else {
			count(this.byHttpStatus, httpStatus);
		}
		if (code != null) {
			count(this.byCode, code);
		}
	}

	void reset() {
		this.requests.reset();
		this.byHttpStatus.clear();
		this.byCode.clear();
		this.byModel.clear();
		this.byReasoningEffort.clear();
		this.maxInFlight.set(this.inFlight.get());
		for (LongAdder adder : new LongAdder[] { this.thinkingEnabled, this.thinkingDisabled, this.promptTokens,
				this.completionTokens, this.cachedTokens, this.repaidCalls, this.streamed, this.dropped,
				this.answeredNanos, this.answeredCount, this.reasoningTokens }) {
			adder.reset();
		}
		this.answeredFingerprints.clear();
	}

	SimulatorStats snapshot() {
		return new SimulatorStats(this.requests.sum(), sums(this.byHttpStatus), sums(this.byCode),
				this.maxInFlight.get(), this.inFlight.get(), this.thinkingEnabled.sum(), this.thinkingDisabled.sum(),
				this.promptTokens.sum(), this.completionTokens.sum(), this.cachedTokens.sum(), this.repaidCalls.sum(),
				this.streamed.sum(), this.dropped.sum(), sums(this.byModel), meanAnsweredMillis(),
				sums(this.byReasoningEffort), this.reasoningTokens.sum());
	}

	private double meanAnsweredMillis() {
		long count = this.answeredCount.sum();
		return (count == 0) ? 0 : this.answeredNanos.sum() / 1e6 / count;
	}

	private static <K> void count(Map<K, LongAdder> counters, K key) {
		counters.computeIfAbsent(key, (ignored) -> new LongAdder()).increment();
	}

	private static <K> Map<K, Long> sums(Map<K, LongAdder> counters) {
		return counters.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().sum()));
	}

}
