package dev.glmbatch.cli;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * Times as {@code list} and {@code status} print them: to the second, in the local zone,
 * with the zone named.
 */
final class Times {

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

	private Times() {
	}

	/** {@code 2026-03-14 09:26:53 CET}, or {@code -} when there is no time. */
	static String format(@Nullable LocalDateTime time) {
		// the state database keeps local times of the machine that ran the run
		return (time == null) ? "-" : time.atZone(ZoneId.systemDefault()).format(FORMAT);
	}

}
