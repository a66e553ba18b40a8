package dev.glmbatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The read-ahead window on its own: order, concurrency, failures, stops and restarts,
 * with plain integers.
 */
class ReadAheadTests {

	/** Long enough for any machine; a test that waits this long has failed. */
	private static final long PATIENCE_SECONDS = 30;

	private final AtomicBoolean stop = new AtomicBoolean();

	private final List<Integer> started = new CopyOnWriteArrayList<>();

	private final CountDownLatch released = new CountDownLatch(1);

	private final List<ReadAhead<Integer, String>> opened = new ArrayList<>();

	@AfterEach
	void closeWindows() {
		released.countDown();
		opened.forEach(ReadAhead::close);
	}

	@Test
	void returnsTheResultsInReadOrderWhileTheItemsBehindASlowOneFinishFirst() throws Exception {
		// given: item 1 finishes only once items 2 to 5 have finished
		CountDownLatch othersDone = new CountDownLatch(4);
		ReadAhead<Integer, String> window = window(items(5), 5, item -> {
			if (item == 1) {
				assertThat(othersDone.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
			}
			else {
				othersDone.countDown();
			}
			return "r" + item;
		});

		// when
		window.fill(5);
		List<String> results = new ArrayList<>();
		while (window.pending() > 0) {
			results.add(window.next());
		}

		// then
		assertThat(results).containsExactly("r1", "r2", "r3", "r4", "r5");
		assertThat(othersDone.getCount()).isZero();
		assertThat(window.exhausted()).isFalse();
		window.fill(10);
		assertThat(window.exhausted()).isTrue();
	}

	@Test
	void readsNoFurtherAheadThanTheSizeAskedFor() throws Exception {
		// given
		AtomicInteger reads = new AtomicInteger();
		Iterator<Integer> items = items(100);
		ReadAhead<Integer, String> window = window(() -> {
			reads.incrementAndGet();
			return items.next();
		}, 2, item -> "r" + item);

		// when
		window.fill(3);
		String first = window.next();
		window.fill(3);

		// then
		assertThat(first).isEqualTo("r1");
		assertThat(reads).hasValue(4);
		assertThat(window.pending()).isEqualTo(3);
		assertThat(window.await(2)).isEqualTo("r4");
	}

	@Test
	void runsTheWorkOnThePoolsOwnNamedDaemonThreads() throws Exception {
		// given
		Set<String> names = ConcurrentHashMap.newKeySet();
		ReadAhead<Integer, String> window = window(items(6), 3, item -> {
			assertThat(Thread.currentThread().isDaemon()).isTrue();
			names.add(Thread.currentThread().getName());
			return "r" + item;
		});

		// when
		window.fill(6);
		while (window.pending() > 0) {
			window.next();
		}

		// then
		assertThat(names).isNotEmpty().allMatch(name -> name.matches("job-worker-[123]"));
	}

	@Test
	void aFailedItemReachesTheConsumerInItsPlaceAndStaysInTheWindow() throws Exception {
		// given
		ReadAhead<Integer, String> window = window(items(3), 3, item -> {
			if (item == 2) {
				throw new IllegalStateException("item 2 broke");
			}
			return "r" + item;
		});
		window.fill(3);

		// when
		String first = window.next();

		// then
		assertThat(first).isEqualTo("r1");
		assertThatThrownBy(window::next).isInstanceOf(ExecutionException.class)
			.cause()
			.isInstanceOf(IllegalStateException.class)
			.hasMessage("item 2 broke");
		assertThat(window.pending()).isEqualTo(2);
		assertThat(window.await(1)).isEqualTo("r3");
	}

	@Test
	void anItemTheRequeuePolicySendsBackRunsAgainUntilItSucceeds() throws Exception {
		// given: item 1 fails twice, and the policy sends it back with the number of
		// requeues so far
		List<Integer> requeuesSeen = new CopyOnWriteArrayList<>();
		AtomicInteger attempts = new AtomicInteger();
		ReadAhead<Integer, String> window = new ReadAhead<>(source(items(1)), item -> {
			if (attempts.incrementAndGet() <= 2) {
				throw new IllegalStateException("not yet");
			}
			return "r" + item + " after " + attempts.get();
		}, (item, failure, requeues) -> {
			requeuesSeen.add(requeues);
			return Duration.ofMillis(1);
		}, 2, "job-worker-", stop::get);
		opened.add(window);

		// when
		window.fill(1);

		// then
		assertThat(window.next()).isEqualTo("r1 after 3");
		assertThat(requeuesSeen).containsExactly(0, 1);
	}

	@Test
	void theRequeuePolicyEndsAnItemWithTheExceptionItThrows() throws Exception {
		// given
		ReadAhead<Integer, String> window = new ReadAhead<>(source(items(1)), item -> {
			throw new IllegalStateException("fault");
		}, (item, failure, requeues) -> {
			throw new IllegalArgumentException("gave up on item " + item + " after: " + failure.getMessage());
		}, 2, "job-worker-", stop::get);
		opened.add(window);
		window.fill(1);

		// when / then
		assertThatThrownBy(window::next).isInstanceOf(ExecutionException.class)
			.cause()
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("gave up on item 1 after: fault");
	}

	@Test
	void aStopRequestEndsTheWaitAndCancellingDropsTheItemsNotStarted() throws Exception {
		// given: one thread, busy with item 1 until the test ends
		CountDownLatch firstStarted = new CountDownLatch(1);
		ReadAhead<Integer, String> window = window(items(5), 1, item -> {
			firstStarted.countDown();
			assertThat(released.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
			return "r" + item;
		});
		window.fill(3);
		assertThat(firstStarted.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();

		// when
		stop.set(true);
		String result = window.next();
		window.cancel();
		released.countDown();
		window.close();

		// then
		assertThat(result).isNull();
		assertThat(window.pending()).isZero();
		assertThat(window.exhausted()).isTrue();
		window.fill(3);
		assertThat(window.pending()).isZero();
		assertThat(started).containsExactly(1);
	}

	@Test
	void aRestartPassesOverTheItemsAlreadyDoneWithoutWorkingOnThem() throws Exception {
		// given
		ReadAhead<Integer, String> window = window(items(6), 2, item -> "r" + item);

		// when
		long skipped = window.skip(4);
		window.fill(10);

		// then
		assertThat(skipped).isEqualTo(4);
		assertThat(window.next()).isEqualTo("r5");
		assertThat(window.next()).isEqualTo("r6");
		assertThat(window.pending()).isZero();
		// the two workers may start them in either order: what matters is that 1 to 4
		// were never worked on
		assertThat(started).containsExactlyInAnyOrder(5, 6);
	}

	@Test
	void aRestartCountBeyondTheEndSaysHowManyItemsThereWere() throws Exception {
		ReadAhead<Integer, String> window = window(items(3), 2, item -> "r" + item);

		assertThat(window.skip(5)).isEqualTo(3);
		window.fill(10);
		assertThat(window.pending()).isZero();
		assertThat(window.exhausted()).isTrue();
	}

	private ReadAhead<Integer, String> window(Iterator<Integer> items, int threads,
			ReadAhead.Work<Integer, String> work) {
		return window(source(items), threads, work);
	}

	private ReadAhead<Integer, String> window(ReadAhead.Source<Integer> source, int threads,
			ReadAhead.Work<Integer, String> work) {
		ReadAhead<Integer, String> window = new ReadAhead<>(source, item -> {
			started.add(item);
			return work.perform(item);
		}, ReadAhead.Requeue.never(), threads, "job-worker-", stop::get);
		opened.add(window);
		return window;
	}

	private static ReadAhead.Source<Integer> source(Iterator<Integer> items) {
		return () -> items.hasNext() ? items.next() : null;
	}

	private static Iterator<Integer> items(int count) {
		return IntStream.rangeClosed(1, count).boxed().iterator();
	}

}
