package dev.glmbatch.llm.glm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.glmbatch.llm.SharedInFlightLimit;
import dev.glmbatch.llm.TrafficSnapshot;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The governor's reactions, on a fake clock: cuts on 429 bursts, regrowth, blocking at
 * the limit, global pauses.
 */
class ConcurrencyGovernorTests {

	private static final String MODEL = "glm-4.5-air";

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final RecordingSleeper sleeper = new RecordingSleeper();

	@ParameterizedTest
	@CsvSource(nullValues = "-", value = { "-, glm-4.5-air, 5", "-, glm-4.5, 10", "-, GLM-4.5-Flash, 2",
			"-, my-own-glm, 10", "64, glm-4.5-air, 64" })
	void startsAtTheConfiguredLimitOrThePublishedDefault(@Nullable Integer configured, String model, int expected) {
		ConcurrencyGovernor governor = new ConcurrencyGovernor(configured, sleeper, now::get);

		assertThat(governor.traffic(model).limit()).isEqualTo(expected);
	}

	@Test
	void aBurstOf1302AnswersHalvesTheLimitOnce() throws InterruptedException {
		ConcurrencyGovernor governor = governor(8);
		List<InFlightPermit> permits = acquire(governor, 8);

		permits.forEach(permit -> permit.failed("1302", "1302", Duration.ZERO));

		TrafficSnapshot traffic = governor.traffic(MODEL);
		assertThat(traffic.limit()).isEqualTo(4);
		assertThat(traffic.rateLimited()).isEqualTo(8);
		assertThat(traffic.inFlight()).isZero();
		assertThat(traffic.faultsByCode()).containsEntry("1302", 8L);
	}

	@Test
	void a1302ToAnAttemptSentAfterTheCutHalvesAgain() throws InterruptedException {
		ConcurrencyGovernor governor = governor(8);
		acquire(governor, 1).get(0).failed("1303", "1303", Duration.ZERO);

		acquire(governor, 1).get(0).failed("1302", "1302", Duration.ZERO);

		assertThat(governor.traffic(MODEL).limit()).isEqualTo(2);
	}

	@Test
	void growsByOneAfterAWindowOfSuccessesButNeverAboveTheCeiling() throws InterruptedException {
		ConcurrencyGovernor governor = governor(8);
		acquire(governor, 1).get(0).failed("1302", "1302", Duration.ZERO);
		assertThat(governor.traffic(MODEL).limit()).isEqualTo(4);

		List<Integer> limits = new ArrayList<>();
		for (int call = 0; call < 60; call++) {
			acquire(governor, 1).get(0).succeeded();
			limits.add(governor.traffic(MODEL).limit());
		}

		// 4 successes → 5, 5 more → 6, 6 more → 7, 7 more → 8, then it stays
		assertThat(limits.subList(0, 4)).containsExactly(4, 4, 4, 5);
		assertThat(limits.get(8)).isEqualTo(6);
		assertThat(limits.get(14)).isEqualTo(7);
		assertThat(limits.get(21)).isEqualTo(8);
		assertThat(limits).allSatisfy(limit -> assertThat(limit).isLessThanOrEqualTo(8));
	}

	@Test
	void otherFaultsNeitherCutNorCountAsRateLimits() throws InterruptedException {
		ConcurrencyGovernor governor = governor(8);

		acquire(governor, 1).get(0).failed("500", "500", Duration.ZERO);
		acquire(governor, 1).get(0).failed(null, "no response", Duration.ZERO);

		TrafficSnapshot traffic = governor.traffic(MODEL);
		assertThat(traffic.limit()).isEqualTo(8);
		assertThat(traffic.throttled()).isZero();
		assertThat(traffic.faultsByCode()).containsEntry("500", 1L).containsEntry("no response", 1L);
	}

	@Test
	void anAttemptWaitsForAFreeSlotWhenTheLimitIsReached() throws Exception {
		ConcurrencyGovernor governor = governor(2);
		List<InFlightPermit> held = acquire(governor, 2);

		CompletableFuture<InFlightPermit> third = CompletableFuture.supplyAsync(() -> {
			try {
				return governor.acquire(MODEL, -1);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		Thread.sleep(100);
		assertThat(third).isNotDone();
		assertThat(governor.traffic(MODEL).inFlight()).isEqualTo(2);

		held.get(0).succeeded();

		assertThat(third.get(5, TimeUnit.SECONDS)).isNotNull();
		assertThat(governor.traffic(MODEL).inFlight()).isEqualTo(2);
	}

	@Test
	void a1305PausesEveryOtherAttemptOnceButNotTheOneThatSawIt() throws InterruptedException {
		ConcurrencyGovernor governor = governor(8);
		InFlightPermit overloaded = acquire(governor, 1).get(0);
		overloaded.failed("1305", "1305", Duration.ofSeconds(4));
		now.addAndGet(Duration.ofSeconds(1).toNanos());

		InFlightPermit retry = governor.acquire(MODEL, overloaded.pauseEpoch());
		InFlightPermit other = governor.acquire(MODEL, -1);
		InFlightPermit otherRetry = governor.acquire(MODEL, other.pauseEpoch());

		assertThat(retry).isNotNull();
		assertThat(otherRetry).isNotNull();
		assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(3));
		assertThat(governor.traffic(MODEL).overloaded()).isEqualTo(1);
		assertThat(governor.traffic(MODEL).limit()).as("overload pauses, it does not cut").isEqualTo(8);
	}

	@Test
	void aPauseThatHasPassedCostsNothing() throws InterruptedException {
		ConcurrencyGovernor governor = governor(8);
		acquire(governor, 1).get(0).failed("1305", "1305", Duration.ofSeconds(2));
		now.addAndGet(Duration.ofSeconds(3).toNanos());

		governor.acquire(MODEL, -1);

		assertThat(sleeper.waits()).isEmpty();
	}

	@Test
	void withASharedLimitThePoolAdaptsAndEveryAttemptReturnsItsPermit() throws InterruptedException {
		RecordingSharedLimit shared = new RecordingSharedLimit();
		ConcurrencyGovernor governor = new ConcurrencyGovernor((model) -> 8, sleeper, now::get, shared);
		governor.setInFlightCeiling(MODEL, 6);

		List<InFlightPermit> permits = acquire(governor, 3);
		permits.get(0).succeeded();
		permits.get(1).failed("1302", "1302", Duration.ZERO);
		permits.get(2).release();

		assertThat(shared.events).containsExactly("register glm-4.5-air 6", "ceiling glm-4.5-air 6", "acquire",
				"acquire", "acquire", "succeeded", "release", "rateLimited", "release", "release");
		TrafficSnapshot traffic = governor.traffic(MODEL);
		assertThat(traffic.limit()).as("the pool's limit").isEqualTo(3);
		assertThat(traffic.rateLimited()).isEqualTo(1);
		assertThat(traffic.inFlight()).isZero();
		// the local slots stay at the ceiling: the pool, not this process, cuts
		assertThat(acquire(governor, 6)).hasSize(6);
	}

	private ConcurrencyGovernor governor(int limit) {
		return new ConcurrencyGovernor(limit, sleeper, now::get);
	}

	private static List<InFlightPermit> acquire(ConcurrencyGovernor governor, int count) throws InterruptedException {
		List<InFlightPermit> permits = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			permits.add(governor.acquire(MODEL, -1));
		}
		return permits;
	}

	/** Records what the governor asks of the shared pool; its limit is always 3. */
	private static final class RecordingSharedLimit implements SharedInFlightLimit {

		private final List<String> events = new ArrayList<>();

		@Override
		public void register(String model, int ceiling) {
			events.add("register " + model + " " + ceiling);
		}

		@Override
		public void setCeiling(String model, int ceiling) {
			events.add("ceiling " + model + " " + ceiling);
		}

		@Override
		public Permit acquire(String model) {
			events.add("acquire");
			return new Permit() {

				@Override
				public void succeeded() {
					events.add("succeeded");
				}

				@Override
				public void rateLimited() {
					events.add("rateLimited");
				}

				@Override
				public void release() {
					events.add("release");
				}

			};
		}

		@Override
		public int limit(String model) {
			return 3;
		}

	}

}
