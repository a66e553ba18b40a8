package dev.glmbatch.run.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The triggers fired, kept in the state database (table {@code GLMB_SCHEDULE_FIRE}) so
 * that each trigger fires at most once whatever the number of service processes: the
 * leader records a trigger before it launches anything, and only the process whose record
 * went in launches. Leadership alone cannot promise this: for a moment after a lease ends
 * (a long pause, a slow database), the old leader may not know yet that another has taken
 * over. Thread-safe.
 */
class ScheduleFires {

	/**
	 * How long a record is kept: far longer than any two processes can disagree about a
	 * trigger, short enough that a schedule every second keeps the table small.
	 */
	static final Duration KEPT = Duration.ofDays(1);

	private final JdbcTemplate jdbc;

	private final String process;

	private final Clock clock;

	/**
	 * @param process this process as the record names it
	 */
	ScheduleFires(DataSource dataSource, String process, Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.process = process;
		this.clock = clock;
	}

	/**
	 * Records the trigger of a job at the time its schedule set, unless a process has
	 * recorded it already; removes the job's records older than {@link #KEPT}.
	 * @return whether this call recorded it, and so this process fires it
	 */
	boolean claim(String jobName, Instant fireTime) {
		OffsetDateTime at = utc(fireTime);
		try {
			jdbc.update("INSERT INTO GLMB_SCHEDULE_FIRE (JOB_NAME, FIRE_TIME, FIRED_BY, FIRED_AT) VALUES (?, ?, ?, ?)",
					jobName, at, process, utc(clock.instant()));
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
		jdbc.update("DELETE FROM GLMB_SCHEDULE_FIRE WHERE JOB_NAME = ? AND FIRE_TIME < ?", jobName,
				utc(fireTime.minus(KEPT)));
		return true;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
