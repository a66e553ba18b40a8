package dev.glmbatch.run.schedule;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import dev.glmbatch.testsupport.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.jdbc.support.JdbcTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link LockLeadership} on each state database's lock table (migration 7): of two
 * processes, one leads at a time, both say which, and when the leader stops the other
 * takes over.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.glmbatch.testsupport.TestDatabases#names")
class LockLeadershipTests {

	private static final ScheduleProperties.Leader SHORT_LEASE = new ScheduleProperties.Leader(Duration.ofSeconds(1),
			Duration.ofMillis(300));

	@Parameter
	String database;

	@TempDir
	Path dir;

	/** A region of this test alone: the PostgreSQL database outlives it. */
	private final String region = "test-" + System.nanoTime();

	private final List<LockLeadership> started = new CopyOnWriteArrayList<>();

	private DataSource dataSource;

	@BeforeEach
	void migrate() {
		dataSource = StateDatabases.migrated(database, dir);
	}

	@AfterEach
	void stop() {
		started.forEach(LockLeadership::stop);
	}

	@Test
	void oneProcessLeadsAtATimeAndAnotherTakesOverWhenItStops() {
		Duties dutiesOfA = new Duties();
		Duties dutiesOfB = new Duties();
		LockLeadership a = start("1@host-a", dutiesOfA);
		await().atMost(Duration.ofSeconds(10)).until(a::leads);
		LockLeadership b = start("2@host-b", dutiesOfB);

		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> a.leads() && !b.leads());
		assertThat(a.leader()).contains("1@host-a");
		assertThat(b.leader()).as("the other process sees who leads").contains("1@host-a");
		assertThat(dutiesOfA.events).containsExactly("lead");
		assertThat(dutiesOfB.events).isEmpty();

		a.stop();

		assertThat(a.leads()).isFalse();
		assertThat(dutiesOfA.events).containsExactly("lead", "stop");
		await().atMost(Duration.ofSeconds(10)).until(b::leads);
		assertThat(dutiesOfB.events).containsExactly("lead");
		assertThat(a.leader()).contains("2@host-b");
	}

	private LockLeadership start(String process, Duties duties) {
		DefaultLockRepository repository = LeaderConfiguration.lockRepository(dataSource,
				new JdbcTransactionManager(dataSource), region, process, database.equals(TestDatabases.POSTGRESQL));
		repository.afterPropertiesSet();
		repository.afterSingletonsInstantiated();
		LockLeadership leadership = new LockLeadership(LeaderConfiguration.lockRegistry(repository, SHORT_LEASE),
				region, SHORT_LEASE, process, dataSource, event -> {
				});
		started.add(leadership);
		leadership.start(duties);
		return leadership;
	}

	/** What the leadership asked of a process's duties, in order. */
	private static final class Duties implements Leadership.LeaderDuties {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		public void lead() {
			events.add("lead");
		}

		@Override
		public void stopLeading() {
			events.add("stop");
		}

	}

}
