package dev.glmbatch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.glmbatch.testsupport.JarProcess;
import dev.glmbatch.testsupport.JarProcesses;
import dev.glmbatch.testsupport.ServiceApi;
import dev.glmbatch.testsupport.SimulatorProcess;
import dev.glmbatch.testsupport.SweepJobFixture;
import dev.glmbatch.testsupport.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two services ({@code serve}) on one PostgreSQL state database with a job scheduled
 * every two seconds: one of them leads and fires each trigger, once; both say which one
 * leads; when the leader is killed with SIGKILL, the other takes over within 30 seconds
 * with the default lease and fires the next triggers.
 */
class ServiceLeaderProcessTests {

	private static final Duration START_PATIENCE = Duration.ofMinutes(3);

	/** The takeover the README promises with the default lease (20 s) and heartbeat. */
	private static final Duration TAKEOVER = Duration.ofSeconds(30);

	private static final Pattern LEADS = Pattern.compile("This process \\((\\S+)\\) now leads");

	@RegisterExtension
	static SimulatorProcess simulator = new SimulatorProcess();

	@RegisterExtension
	final JarProcesses services = new JarProcesses();

	@BeforeEach
	void needsPostgres() {
		assumeTrue(TestDatabases.postgresUrl() != null, TestDatabases.POSTGRES_URL + " names no PostgreSQL server");
	}

	@Test
	void oneServiceFiresEachTriggerOnceAndAnotherTakesOverWhenItIsKilled(@TempDir Path dir) throws Exception {
		String name = "leader-" + System.nanoTime();
		SweepJobFixture job = SweepJobFixture.aSweepJob(dir).named(name).withCron("*/2 * * * * *");
		job.write();
		job.drop("a.csv", "A", 3);
		Pattern fired = Pattern.compile("Job '" + name + "': trigger of (\\S+) fired$");

		JarProcess first = start(dir, "a");
		JarProcess second = start(dir, "b");
		ServiceApi apiOfFirst = api(first);
		ServiceApi apiOfSecond = api(second);
		JarProcess leader = awaitLeader(first, second);
		JarProcess other = (leader == first) ? second : first;
		awaitFires(leader, fired, 3, Instant.EPOCH);

		JsonNode leadershipOfLeader = leadership((leader == first) ? apiOfFirst : apiOfSecond);
		JsonNode leadershipOfOther = leadership((leader == first) ? apiOfSecond : apiOfFirst);
		assertThat(leadershipOfLeader.get("leads").asBoolean()).isTrue();
		assertThat(leadershipOfOther.get("leads").asBoolean()).isFalse();
		assertThat(leadershipOfOther.get("leader").asString()).as("the other service says who leads")
			.isEqualTo(leadershipOfLeader.get("process").asString())
			.startsWith(leader.pid() + "@");
		assertThat(fires(other, fired)).as("the service that does not lead fires nothing").isEmpty();
		assertThat(job.processed().resolve("a.csv")).as("the triggers sweep the job's files").exists();

		leader.kill();
		Instant killedAt = Instant.now();
		other.awaitLine(LEADS, TAKEOVER);
		List<Instant> firesAfterKill = awaitFires(other, fired, 2, killedAt);

		System.out.printf("leader killed at %s; the other service fired the trigger of %s next%n", killedAt,
				firesAfterKill.get(0));
		assertThat(Duration.between(killedAt, firesAfterKill.get(0))).as("takeover").isLessThan(TAKEOVER);
		List<Instant> firedByLeader = fires(leader, fired);
		List<Instant> firedByOther = fires(other, fired);
		assertThat(firedByOther).as("nothing fired twice").doesNotContainAnyElementsOf(firedByLeader);
		assertThat(firedByOther).doesNotHaveDuplicates();
		assertThat(firedByLeader).doesNotHaveDuplicates();
		Map<Instant, String> recorded = recordedFires(name);
		assertThat(recorded).as("each fire recorded once, by the service that fired it")
			.containsAllEntriesOf(firedBy(firedByLeader, leadershipOfLeader.get("process").asString()))
			.containsAllEntriesOf(firedBy(firedByOther, leadershipOfOther.get("process").asString()));
	}

	private JarProcess start(Path dir, String label) throws Exception {
		Map<String, String> env = TestDatabases.environment(TestDatabases.POSTGRESQL);
		env.put("ZAI_API_KEY", "leader-test-key");
		return services
			.add(JarProcess.start(dir, dir.resolve("service-" + label + ".log"), env, List.of(), "serve", "--port", "0",
					"--jobs", dir.resolve("jobs").toString(), "--base-url", simulator.zaiBaseUrl().toString()));
	}

	private static ServiceApi api(JarProcess service) throws InterruptedException {
		return ServiceApi.of(service, START_PATIENCE);
	}

	/**
	 * Waits for one of the services to lead; a lock left by a service an earlier test
	 * killed delays it by its lease at most.
	 */
	private static JarProcess awaitLeader(JarProcess first, JarProcess second) throws InterruptedException {
		long deadline = System.nanoTime() + START_PATIENCE.toNanos();
		while (System.nanoTime() < deadline) {
			for (JarProcess service : List.of(first, second)) {
				if (LEADS.matcher(service.output()).find()) {
					return service;
				}
			}
			Thread.sleep(100);
		}
		throw new AssertionError("No service leads:\n" + first.output() + "\n---\n" + second.output());
	}

	/** Waits for a service to fire {@code count} triggers set after {@code after}. */
	private static List<Instant> awaitFires(JarProcess service, Pattern fired, int count, Instant after)
			throws InterruptedException {
		long deadline = System.nanoTime() + TAKEOVER.plusSeconds(30).toNanos();
		List<Instant> fires = List.of();
		while (System.nanoTime() < deadline) {
			fires = fires(service, fired).stream().filter(time -> time.isAfter(after)).toList();
			if (fires.size() >= count) {
				return fires;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("The service fired " + fires + " only:\n" + service.output());
	}

	/** The triggers a service's log says it fired, by the time their schedule set. */
	private static List<Instant> fires(JarProcess service, Pattern fired) {
		List<Instant> fires = new ArrayList<>();
		for (String line : service.output().split("\n")) {
			Matcher matcher = fired.matcher(line);
			if (matcher.find()) {
				fires.add(Instant.parse(matcher.group(1)));
			}
		}
		return fires;
	}

	private static Map<Instant, String> firedBy(List<Instant> fires, String process) {
		Map<Instant, String> firedBy = new LinkedHashMap<>();
		fires.forEach(time -> firedBy.put(time, process));
		return firedBy;
	}

	private static JsonNode leadership(ServiceApi service) {
		return ServiceApi.json(service.get("/actuator/info")).get("leadership");
	}

	private static Map<Instant, String> recordedFires(String job) throws SQLException {
		Map<Instant, String> fires = new LinkedHashMap<>();
		try (Connection connection = TestDatabases.postgresConnection();
				PreparedStatement query = connection.prepareStatement(
						"SELECT FIRE_TIME, FIRED_BY FROM GLMB_SCHEDULE_FIRE WHERE JOB_NAME = ? ORDER BY FIRE_TIME")) {
			query.setString(1, job);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					fires.put(rows.getTimestamp(1).toInstant(), rows.getString(2));
				}
			}
		}
		return fires;
	}

}
