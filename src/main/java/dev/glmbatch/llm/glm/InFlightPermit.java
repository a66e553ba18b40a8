package dev.glmbatch.llm.glm;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.llm.SharedInFlightLimit;

/**
 * One HTTP attempt's slot in its model's {@link ModelQuota}. End it exactly once with
 * {@link #succeeded()} or {@link #failed}; {@link #release()} afterwards is a no-op, and
 * frees the slot without a verdict otherwise. When processes share the limit, it also
 * holds a permit of the shared pool, which ends with it. Used by one thread.
 */
final class InFlightPermit {

	private final ConcurrencyGovernor governor;

	private final ModelQuota quota;

	private final long limitEpoch;

	private long pauseEpoch;

	private boolean ended;

	private SharedInFlightLimit.@Nullable Permit shared;

	InFlightPermit(ConcurrencyGovernor governor, ModelQuota quota, long limitEpoch, long pauseEpoch) {
		this.governor = governor;
		this.quota = quota;
		this.limitEpoch = limitEpoch;
		this.pauseEpoch = pauseEpoch;
	}

	/** Joins the shared pool's permit to this slot: it ends with it. */
	void share(SharedInFlightLimit.Permit permit) {
		shared = permit;
	}

	/**
	 * The latest pause this attempt's call has waited out; pass it to the next attempt's
	 * acquire.
	 */
	long pauseEpoch() {
		return pauseEpoch;
	}

	/** The server answered (whatever the answer says). */
	void succeeded() {
		end(true);
	}

	/**
	 * The attempt failed.
	 * @param code the business code, or {@code null}
	 * @param faultKey how the failure is counted (the code, {@code http 503},
	 * {@code timeout}, ...)
	 * @param overloadPause how long to pause every attempt when the code means overload,
	 * or {@code null} when this overload answer pauses only its own call
	 */
	void failed(@Nullable String code, String faultKey, @Nullable Duration overloadPause) {
		boolean rateLimit = code != null && ModelQuota.RATE_LIMIT_CODES.contains(code);
		if (rateLimit) {
			quota.countRateLimited();
		}
		if (code != null && ModelQuota.OVERLOAD_CODES.contains(code)) {
			quota.countOverloaded();
			if (overloadPause != null) {
				pauseEpoch = governor.pauseAll(overloadPause);
			}
		}
		if (ended) {
			// the answer arrived but was unusable (finish_reason): counted, the slot is
			// already free
			quota.countFault(faultKey);
			return;
		}
		ended = true;
		// a shared pool cuts the limit of every process; this process keeps counting only
		quota.failed(faultKey, rateLimit && shared == null, limitEpoch);
		if (shared != null) {
			if (rateLimit) {
				shared.rateLimited();
			}
			shared.release();
		}
	}

	/** Frees the slot if the attempt ended without a verdict. */
	void release() {
		end(false);
	}

	/** Frees the slot once, counting an answer or a release without a verdict. */
	private void end(boolean answered) {
		if (ended) {
			return;
		}
		ended = true;
		if (answered) {
			quota.succeeded();
		}
		else {
			quota.released();
		}
		if (shared != null) {
			if (answered) {
				shared.succeeded();
			}
			shared.release();
		}
	}

	static boolean isOverload(@Nullable String code) {
		return code != null && ModelQuota.OVERLOAD_CODES.contains(code);
	}

}
