package dev.glmbatch.run.schedule;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ScheduleFires} on each state database: of the processes that try to record one
 * trigger, exactly one succeeds, however close together they try.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.glmbatch.testsupport.TestDatabases#names")
class ScheduleFiresTests {

	@Parameter
	String database;

	@TempDir
	Path dir;

	private DataSource dataSource;

	/** A job name of this test alone: the PostgreSQL database outlives it. */
	private final String job = "fires-" + System.nanoTime();

	private final Instant fireTime = Instant.parse("2026-03-01T02:00:00Z");

	@BeforeEach
	void migrate() {
		dataSource = StateDatabases.migrated(database, dir);
	}

	@Test
	void theFirstProcessToRecordATriggerFiresItAndNoOtherDoes() {
		ScheduleFires first = fires("1@host-a");
		ScheduleFires second = fires("2@host-b");

		assertThat(first.claim(job, fireTime)).isTrue();
		assertThat(second.claim(job, fireTime)).as("recorded by the first process").isFalse();
		assertThat(first.claim(job, fireTime)).as("nor twice by the same process").isFalse();

		assertThat(second.claim(job, fireTime.plusSeconds(5))).as("the next trigger").isTrue();
		assertThat(second.claim(job + "-other", fireTime)).as("another job's trigger").isTrue();
		assertThat(new JdbcTemplate(dataSource).queryForList(
				"SELECT FIRED_BY FROM GLMB_SCHEDULE_FIRE WHERE JOB_NAME = ? ORDER BY FIRE_TIME", String.class, job))
			.containsExactly("1@host-a", "2@host-b");
	}

	@Test
	void ofProcessesRecordingOneTriggerAtOnceExactlyOneFiresIt() throws Exception {
		int processes = 8;
		ExecutorService threads = Executors.newFixedThreadPool(processes);
		try {
			for (int trigger = 0; trigger < 5; trigger++) {
				Instant at = fireTime.plusSeconds(trigger);
				List<Callable<Boolean>> claims = new ArrayList<>();
				for (int process = 0; process < processes; process++) {
					ScheduleFires fires = fires(process + "@host");
					claims.add(() -> fires.claim(job, at));
				}
				List<Boolean> won = new ArrayList<>();
				for (Future<Boolean> claim : threads.invokeAll(claims)) {
					won.add(claim.get());
				}
				assertThat(won).as("trigger " + at).containsOnlyOnce(true);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void recordsOlderThanADayGoAsNewOnesCome() {
		ScheduleFires fires = fires("1@host");
		fires.claim(job, fireTime);
		fires.claim(job, fireTime.plus(Duration.ofHours(12)));

		fires.claim(job, fireTime.plus(ScheduleFires.KEPT).plusSeconds(1));

		assertThat(new JdbcTemplate(dataSource)
			.queryForObject("SELECT COUNT(*) FROM GLMB_SCHEDULE_FIRE WHERE JOB_NAME = ?", Integer.class, job))
			.as("the first record is gone, the later ones kept")
			.isEqualTo(2);
	}

	private ScheduleFires fires(String process) {
		return new ScheduleFires(dataSource, process, Clock.systemUTC());
	}

}
