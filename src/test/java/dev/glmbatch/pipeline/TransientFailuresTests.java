package dev.glmbatch.pipeline;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a row that ran out of retries goes back to the queue, and when the faults count as
 * persistent.
 */
class TransientFailuresTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	private final TransientFailures failures = new TransientFailures(Duration.ofMinutes(5), now::get);

	@Test
	void aRowGoesBackToTheQueueWithGrowingDelaysWhileGlmAnswersOtherCalls() {
		assertThat(failures.requeueDelay(0)).isEqualTo(Duration.ofSeconds(1));
		assertThat(failures.requeueDelay(1)).isEqualTo(Duration.ofSeconds(2));
		assertThat(failures.requeueDelay(4)).isEqualTo(Duration.ofSeconds(16));
	}

	@Test
	void aRowThatRanOutOfRetriesTooOftenCountsAsPersistentEvenWhileOthersAreAnswered() {
		failures.answered();

		assertThat(failures.requeueDelay(TransientFailures.MAX_REQUEUES)).isNull();
		assertThat(failures.persistence(17, TransientFailures.MAX_REQUEUES))
			.isEqualTo("row 17 ran out of retries on transient faults 6 times, while GLM answered other calls");
	}

	@Test
	void noAnswerForTheWholeWindowCountsAsPersistentAndAnAnswerResetsIt() {
		advance(Duration.ofMinutes(4));
		assertThat(failures.requeueDelay(0)).isNotNull();
		advance(Duration.ofMinutes(1));

		assertThat(failures.requeueDelay(0)).isNull();
		assertThat(failures.persistence(3, 0)).isEqualTo(
				"GLM has answered no call for 5 min (glmbatch.persistent-failure is 5 min): the endpoint is not answering");

		failures.answered();
		assertThat(failures.requeueDelay(0)).isEqualTo(Duration.ofSeconds(1));
	}

	private void advance(Duration duration) {
		now.addAndGet(duration.toNanos());
	}

}
