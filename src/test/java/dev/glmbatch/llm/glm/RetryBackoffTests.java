package dev.glmbatch.llm.glm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryBackoffTests {

	private final RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(500), Duration.ofSeconds(30),
			new Random(7));

	@ParameterizedTest(name = "retry {0}: ceiling {1} ms")
	@CsvSource({ "1, 500", "2, 1000", "3, 2000", "4, 4000", "5, 8000", "6, 16000", "7, 30000", "8, 30000", "70, 30000",
			"2147483647, 30000" })
	void doublesTheCeilingUpToTheCap(int retry, long expectedMillis) {
		assertThat(backoff.ceiling(retry)).isEqualTo(Duration.ofMillis(expectedMillis));
	}

	@Test
	void rejectsRetryNumbersBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> backoff.ceiling(0));
	}

	@Test
	void drawsFullJitterBetweenZeroAndTheCeiling() {
		List<Duration> waits = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			waits.add(backoff.delayBefore(3, null));
		}

		assertThat(waits).allSatisfy((wait) -> assertThat(wait).isBetween(Duration.ZERO, Duration.ofSeconds(2)));
		// full jitter, not "ceiling minus a little": both halves of the range are used
		assertThat(waits).anySatisfy((wait) -> assertThat(wait).isLessThan(Duration.ofMillis(200)));
		assertThat(waits).anySatisfy((wait) -> assertThat(wait).isGreaterThan(Duration.ofMillis(1800)));
	}

	@Test
	void sameSeedGivesSameWaits() {
		RetryBackoff first = new RetryBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(42));
		RetryBackoff second = new RetryBackoff(Duration.ofMillis(500), Duration.ofSeconds(30), new Random(42));

		for (int retry = 1; retry <= 6; retry++) {
			assertThat(first.delayBefore(retry, null)).isEqualTo(second.delayBefore(retry, null));
		}
	}

	@Test
	void neverWaitsLessThanRetryAfter() {
		for (int i = 0; i < 200; i++) {
			assertThat(backoff.delayBefore(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
		}
	}

	@Test
	void keepsTheLongerJitteredWaitOverAShortRetryAfter() {
		List<Duration> waits = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			waits.add(backoff.delayBefore(7, Duration.ofMillis(1)));
		}

		assertThat(waits).allSatisfy((wait) -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofMillis(1)));
		assertThat(waits).anySatisfy((wait) -> assertThat(wait).isGreaterThan(Duration.ofSeconds(1)));
	}

}
