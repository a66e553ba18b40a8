package dev.glmbatch.llm.glm;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Reads how long a server asks us to wait: {@code retry-after-ms} (milliseconds,
 * OpenAI-style) wins over {@code Retry-After}, which is either delay-seconds or an
 * HTTP-date. Z.AI is not known to send either; honouring them costs nothing and proxies
 * do send them.
 */
final class RetryAfter {

	private RetryAfter() {
	}

	/** The wait requested by the headers, or {@code null} when absent or unreadable. */
	static @Nullable Duration from(HttpHeaders headers, Instant now) {
		Optional<String> millis = headers.firstValue("retry-after-ms");
		Optional<String> value = headers.firstValue("retry-after");
		return parse(millis.orElse(null), value.orElse(null), now);
	}

	/**
	 * Parses the two header values.
	 * @param retryAfterMs value of {@code retry-after-ms}, or {@code null}
	 * @param retryAfter value of {@code Retry-After}, or {@code null}
	 * @param now the current time, to turn an HTTP-date into a wait
	 * @return the wait, zero for a date in the past, or {@code null} when nothing
	 * readable was given
	 */
	static @Nullable Duration parse(@Nullable String retryAfterMs, @Nullable String retryAfter, Instant now) {
		Duration fromMillis = (retryAfterMs != null) ? ofNumber(retryAfterMs.strip(), 1_000_000L) : null;
		if (fromMillis != null) {
			return fromMillis;
		}
		if (retryAfter == null || retryAfter.isBlank()) {
			return null;
		}
		String text = retryAfter.strip();
		Duration fromSeconds = ofNumber(text, 1_000_000_000L);
		if (fromSeconds != null) {
			return fromSeconds;
		}
		try {
			Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Duration ofNumber(String text, long nanosPerUnit) {
		try {
			double amount = Double.parseDouble(text);
			if (Double.isNaN(amount) || Double.isInfinite(amount)) {
				return null;
			}
			if (amount <= 0) {
				return Duration.ZERO;
			}
			// clamp absurd values; anything this large is far above any cap anyway
			double nanos = Math.min(amount * nanosPerUnit, (double) Long.MAX_VALUE / 2);
			return Duration.ofNanos((long) nanos);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
