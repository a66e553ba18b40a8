package dev.glmbatch;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.JarProcess;
import dev.glmbatch.testsupport.SimulatorProcess;
import dev.glmbatch.testsupport.TestDatabases;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two {@code run} processes of two jobs on one PostgreSQL state database, calling one
 * account whose limit is 8 calls in flight (a simulator that answers 1302 above it): the
 * permits they lease from the database keep them within the limit together, and a process
 * killed with SIGKILL gives its permits back within seconds. Skipped without PostgreSQL.
 */
class SharedInFlightLimitProcessTests {

	private static final String KEY = "shared-limit-test-key";

	private static final int LIMIT = 8;

	private static final int ROWS = 1200;

	/** A progress line once some rows are committed. */
	private static final Pattern ROWS_COMMITTED = Pattern.compile("Rows ([1-9][0-9]*)/");

	private static final Pattern COST = Pattern
		.compile("Shared in-flight permits: (\\d+) attempts, (\\d+) database round trips");

	/** Generous: on a busy machine a run's start-up alone can take minutes. */
	private static final Duration PATIENCE = Duration.ofMinutes(10);

	@RegisterExtension
	static SimulatorProcess simulator = new SimulatorProcess(LIMIT, 100);

	@BeforeEach
	void needsPostgres() {
		assumeTrue(TestDatabases.postgresUrl() != null, TestDatabases.POSTGRES_URL + " names no PostgreSQL server");
		simulator.reset();
	}

	@Test
	void twoRunsTogetherStayWithinTheAccountLimit(@TempDir Path dir) throws Exception {
		List<TranslationJobFixture> jobs = List.of(job(dir, "left"), job(dir, "right"));
		List<JarProcess> runs = new ArrayList<>();
		try {
			for (TranslationJobFixture job : jobs) {
				runs.add(startRun(dir, job, List.of("-Dlogging.level.dev.glmbatch.run.permit=DEBUG")));
				awaitRows(runs);
			}
			for (JarProcess run : runs) {
				assertThat(run.waitFor(PATIENCE)).isTrue();
				assertThat(run.exitValue()).as(run.output()).isZero();
			}
		}
		finally {
			closeAll(runs);
		}
		assertThat(simulator.peakInFlight()).as("calls in flight at the simulator at once").isLessThanOrEqualTo(LIMIT);
		assertThat(simulator.answersWithCode("1302")).as("1302 answers").isZero();
		for (TranslationJobFixture job : jobs) {
			assertThat(CsvFiles.column(job.outputFile(), "sku")).hasSize(ROWS);
		}
		for (JarProcess run : runs) {
			Matcher cost = COST.matcher(run.output());
			assertThat(cost.find()).as(run.output()).isTrue();
			long attempts = Long.parseLong(cost.group(1));
			long roundTrips = Long.parseLong(cost.group(2));
			System.out.printf("permits: %d attempts, %d database round trips, %.4f per attempt%n", attempts, roundTrips,
					(double) roundTrips / attempts);
			assertThat(attempts).isGreaterThanOrEqualTo(ROWS);
			assertThat(roundTrips).as("round trips, far fewer than attempts").isLessThan(attempts / 4);
		}
	}

	@Test
	void withoutSharedPermitsTheTwoRunsOverrunTheLimit(@TempDir Path dir) throws Exception {
		List<JarProcess> runs = new ArrayList<>();
		try {
			// the first run has four times the rows, so that it is still going once the
			// second has started, however slowly
			runs.add(startRun(dir, job(dir, "left", 4 * ROWS), List.of("-Dglmbatch.permits.enabled=false")));
			awaitRows(runs);
			runs.add(startRun(dir, job(dir, "right"), List.of("-Dglmbatch.permits.enabled=false")));
			awaitRows(runs);
			awaitOverrunOrEnd(runs);
		}
		finally {
			closeAll(runs);
		}
		assertThat(simulator.peakInFlight()).isGreaterThan(LIMIT);
		assertThat(simulator.answersWithCode("1302")).as("1302 answers").isPositive();
	}

	@Test
	void aKilledRunGivesItsPermitsBackWithinSeconds(@TempDir Path dir) throws Exception {
		TranslationJobFixture survivor = job(dir, "survivor");
		List<JarProcess> runs = new ArrayList<>();
		try {
			JarProcess victim = startRun(dir, job(dir, "victim", 4 * ROWS), List.of("-Dglmbatch.permits.lease=3s"));
			runs.add(victim);
			awaitRows(runs);
			JarProcess other = startRun(dir, survivor, List.of("-Dglmbatch.permits.lease=3s"));
			runs.add(other);
			awaitRows(runs);
			awaitPermitsHeldBy(victim);
			long killedAt = System.nanoTime();
			victim.kill();
			while (heldBy(victim.pid()) > 0) {
				assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(10));
				Thread.sleep(100);
			}
			System.out.printf("permits of the killed run back after %d ms%n",
					Duration.ofNanos(System.nanoTime() - killedAt).toMillis());
			assertThat(other.waitFor(PATIENCE)).isTrue();
			assertThat(other.exitValue()).as(other.output()).isZero();
		}
		finally {
			closeAll(runs);
		}
		assertThat(CsvFiles.column(survivor.outputFile(), "sku")).hasSize(ROWS);
		assertThat(simulator.peakInFlight()).isLessThanOrEqualTo(LIMIT);
		assertThat(simulator.answersWithCode("1302")).isZero();
	}

	/**
	 * Waits until the run started last commits rows: two runs that create their job
	 * executions at the same instant can collide in the job repository, which is not what
	 * these tests are about.
	 */
	private static void awaitRows(List<JarProcess> runs) throws InterruptedException {
		runs.get(runs.size() - 1).awaitLine(ROWS_COMMITTED, PATIENCE);
	}

	/**
	 * Waits until {@code run} holds permits: it gives back what it does not need between
	 * chunks, so one look can find none while it is still busy.
	 */
	private static void awaitPermitsHeldBy(JarProcess run) throws SQLException, InterruptedException {
		long since = System.nanoTime();
		while (heldBy(run.pid()) == 0) {
			assertThat(run.isAlive()).as("the run still going, holding no permits: %s", run.output()).isTrue();
			assertThat(Duration.ofNanos(System.nanoTime() - since)).as("waiting for permits held")
				.isLessThan(Duration.ofSeconds(30));
			Thread.sleep(20);
		}
	}

	/** Permits whose lease has not ended and whose owner is the process {@code pid}. */
	private static int heldBy(long pid) throws SQLException {
		try (Connection connection = TestDatabases.postgresConnection();
				PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM GLMB_INFLIGHT_PERMIT"
						+ " WHERE OWNER LIKE ? AND LEASE_UNTIL > CURRENT_TIMESTAMP")) {
			query.setString(1, "%/" + pid + "/%");
			try (ResultSet count = query.executeQuery()) {
				count.next();
				return count.getInt(1);
			}
		}
	}

	private static TranslationJobFixture job(Path dir, String name) {
		return job(dir, name, ROWS);
	}

	private static TranslationJobFixture job(Path dir, String name, int rows) {
		return TranslationJobFixture.writtenInFrench(dir, name, rows, LIMIT);
	}

	private static JarProcess startRun(Path dir, TranslationJobFixture job, List<String> jvmOptions)
			throws IOException {
		Map<String, String> env = TestDatabases.environment(TestDatabases.POSTGRESQL);
		env.put("ZAI_API_KEY", KEY);
		return JarProcess.start(dir, dir.resolve(job.jobFile().getFileName() + ".log"), env, jvmOptions, "run",
				job.jobFile().toString(), "--base-url", simulator.zaiBaseUrl().toString(), "--max-in-flight",
				String.valueOf(LIMIT), "--no-reuse");
	}

	/**
	 * Waits until the simulator has seen the account's limit overrun and answered 1302,
	 * or until the runs have ended, whichever comes first: once overrun, the rest of the
	 * runs shows nothing more.
	 */
	private static void awaitOverrunOrEnd(List<JarProcess> runs) throws InterruptedException {
		long since = System.nanoTime();
		while (simulator.peakInFlight() <= LIMIT || simulator.answersWithCode("1302") == 0) {
			if (runs.stream().noneMatch(JarProcess::isAlive)) {
				return;
			}
			assertThat(Duration.ofNanos(System.nanoTime() - since)).as("waiting for the runs").isLessThan(PATIENCE);
			Thread.sleep(200);
		}
	}

	private static void closeAll(List<JarProcess> runs) throws InterruptedException {
		for (JarProcess run : runs) {
			run.close();
		}
	}

}
