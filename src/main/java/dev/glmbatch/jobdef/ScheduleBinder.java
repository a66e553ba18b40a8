package dev.glmbatch.jobdef;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.scheduling.support.CronExpression;

/** Binds the {@code schedule} section of a job file to a {@link Schedule}. */
final class ScheduleBinder {

	static final List<String> KEYS = List.of("cron", "zone", "missed");

	private static final String CRON_EXAMPLE = "cron: \"0 0 2 * * *\"";

	private static final Map<String, Schedule.MissedTriggers> MISSED = Map.of("run-once",
			Schedule.MissedTriggers.RUN_ONCE, "skip", Schedule.MissedTriggers.SKIP);

	private ScheduleBinder() {
	}

	static @Nullable Schedule bind(YamlSection schedule, Problems problems) {
		int before = problems.count();
		schedule.allowOnly(KEYS);
		String cron = cron(schedule, problems);
		ZoneId zone = zone(schedule, problems);
		Schedule.MissedTriggers missed = schedule.choice("missed", MISSED, Schedule.MissedTriggers.RUN_ONCE,
				"a missed-trigger policy", "missed: run-once");
		if (problems.count() > before || cron == null || zone == null || missed == null) {
			return null;
		}
		return new Schedule(cron, zone, missed);
	}

	private static @Nullable String cron(YamlSection schedule, Problems problems) {
		String cron = schedule.text("cron", true, CRON_EXAMPLE);
		if (cron == null) {
			return null;
		}
		String trimmed = cron.strip();
		try {
			CronExpression.parse(trimmed);
			return trimmed;
		}
		catch (IllegalArgumentException ex) {
			int fields = trimmed.split("\\s+").length;
			String fix = (fields == 5)
					? "this looks like a five-field Unix cron; add the seconds in front: cron: \"0 " + trimmed + "\""
					: "write six fields, seconds first (second minute hour day month weekday), e.g. " + CRON_EXAMPLE
							+ " for 02:00 every day";
			problems.add(schedule.nodeOrSelf("cron"), "'" + cron + "' is not a valid cron expression: "
					+ ex.getMessage(), fix);
			return null;
		}
	}

	private static @Nullable ZoneId zone(YamlSection schedule, Problems problems) {
		if (!schedule.has("zone")) {
			return ZoneId.systemDefault();
		}
		String zone = schedule.text("zone", false, "zone: Europe/Paris");
		if (zone == null) {
			return null;
		}
		try {
			return ZoneId.of(zone.strip());
		}
		catch (DateTimeException ex) {
			String suggestion = ClosestName.among(zone.strip(), ZoneId.getAvailableZoneIds());
			problems.add(schedule.nodeOrSelf("zone"), "'" + zone + "' is not a time zone",
					(suggestion != null ? "write zone: " + suggestion + ", or " : "")
							+ "use a region id such as Europe/Paris, America/New_York or UTC");
			return null;
		}
	}

}
