package dev.glmbatch.jobdef;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.scheduling.support.CronExpression;

/** Binds the {@code schedule} section of a job file to a {@link Schedule}. */
final class ScheduleBinder {

	static final List<String> KEYS = List.of("cron", "zone", "missed");

	private static final String CRON_EXAMPLE = "cron: \"0 0 2 * * *\"";

	/**
	 * Sorted, so that the fix listing them reads the same on every run (a {@code Map.of}
	 * has no fixed order).
	 */
	private static final Map<String, Schedule.MissedTriggers> MISSED = Collections.unmodifiableSortedMap(
			new TreeMap<>(Map.of("run-once", Schedule.MissedTriggers.RUN_ONCE, "skip", Schedule.MissedTriggers.SKIP)));

	private ScheduleBinder() {
	}

	static Bound<Schedule> bind(YamlSection schedule) {
		schedule.allowOnly(KEYS);
		Bound<String> cron = cron(schedule);
		Bound<ZoneId> zone = zone(schedule);
		Bound<Schedule.MissedTriggers> missed = schedule
			.choice("missed", MISSED, "a missed-trigger policy", "missed: run-once")
			.orDefault(Schedule.MissedTriggers.RUN_ONCE);
		return schedule.complete(() -> new Schedule(cron.get(), zone.get(), missed.get()));
	}

	private static Bound<String> cron(YamlSection schedule) {
		return schedule.requiredText("cron", CRON_EXAMPLE).then((cron) -> {
			String trimmed = cron.strip();
			try {
				CronExpression.parse(trimmed);
				return Bound.of(trimmed);
			}
			catch (IllegalArgumentException ex) {
				int fields = trimmed.split("\\s+").length;
				String fix = (fields == 5)
						? "this looks like a five-field Unix cron; add the seconds in front: cron: \"0 " + trimmed
								+ "\""
						: "write six fields, seconds first (second minute hour day month weekday), e.g. " + CRON_EXAMPLE
								+ " for 02:00 every day";
				return schedule.invalid("cron", "'" + cron + "' is not a valid cron expression: " + ex.getMessage(),
						fix);
			}
		});
	}

	private static Bound<ZoneId> zone(YamlSection schedule) {
		return schedule.text("zone", "zone: Europe/Paris").then((zone) -> {
			try {
				return Bound.of(ZoneId.of(zone.strip()));
			}
			catch (DateTimeException ex) {
				String suggestion = ClosestName.among(zone.strip(), ZoneId.getAvailableZoneIds());
				return schedule.<ZoneId>invalid("zone", "'" + zone + "' is not a time zone",
						(suggestion != null ? "write zone: " + suggestion + ", or " : "")
								+ "use a region id such as Europe/Paris, America/New_York or UTC");
			}
		}).orDefault(ZoneId.systemDefault());
	}

}
