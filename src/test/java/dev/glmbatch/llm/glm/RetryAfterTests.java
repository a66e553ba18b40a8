package dev.glmbatch.llm.glm;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	@ParameterizedTest(name = "retry-after-ms={0}, Retry-After={1} -> {2}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			-    | 7                             | PT7S
			-    | 0                             | PT0S
			-    | -3                            | PT0S
			-    | 1.5                           | PT1.5S
			-    | 86400                         | PT24H
			-    | Sun, 01 Mar 2026 12:00:30 GMT | PT30S
			-    | Sun, 01 Mar 2026 11:00:00 GMT | PT0S
			-    | soon                          | -
			-    | -                             | -
			-    | ' '                           | -
			250  | 7                             | PT0.25S
			oops | 7                             | PT7S
			""")
	void readsSecondsDatesAndMilliseconds(String millis, String value, Duration expected) {
		assertThat(RetryAfter.parse(millis, value, NOW)).isEqualTo(expected);
	}

	@Test
	void readsHeadersCaseInsensitively() {
		HttpHeaders headers = HttpHeaders.of(Map.of("Retry-After", List.of("3")), (name, val) -> true);

		assertThat(RetryAfter.from(headers, NOW)).isEqualTo(Duration.ofSeconds(3));
	}

}
