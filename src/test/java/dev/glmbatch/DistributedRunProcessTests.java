package dev.glmbatch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.glmbatch.pipeline.PartitionLeases;
import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.JarProcess;
import dev.glmbatch.testsupport.SimulatorProcess;
import dev.glmbatch.testsupport.TestDatabases;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One run across processes on one PostgreSQL state database: a manager
 * ({@code run --distributed}) and three workers ({@code worker}) at small heaps, calling
 * one account whose limit is 8 calls in flight (a simulator that answers 1302 above it).
 * Every row comes out once and in input order; the shared permits hold the limit across
 * the workers; a worker or the manager killed with SIGKILL, and a stop from another
 * process, leave nothing lost and nothing paid twice beyond the calls in flight. Skipped
 * without PostgreSQL.
 */
class DistributedRunProcessTests {

	private static final String KEY = "distributed-test-key";

	private static final int LIMIT = 8;

	/** Each worker's concurrency: alone, any of them could fill the account's limit. */
	private static final int CONCURRENCY = LIMIT;

	private static final int WORKERS = 3;

	private static final List<String> SMALL_HEAP = List.of("-Xmx256m");

	/** A worker's line when it takes a partition. */
	private static final Pattern TAKEN = Pattern
		.compile("process-partition:(partition\\d+) \\(rows \\d+ to \\d+\\) taken by worker (\\S+)");

	/** A progress line once some rows are committed. */
	private static final Pattern ROWS_COMMITTED = Pattern.compile("Rows ([1-9][0-9]*)/");

	/** Generous: on a busy machine a process's start-up alone can take a minute. */
	private static final Duration PATIENCE = Duration.ofMinutes(10);

	@RegisterExtension
	static SimulatorProcess simulator = new SimulatorProcess(LIMIT, 20);

	private final List<JarProcess> processes = new ArrayList<>();

	@BeforeEach
	void needsPostgres() {
		assumeTrue(TestDatabases.postgresUrl() != null, TestDatabases.POSTGRES_URL + " names no PostgreSQL server");
		simulator.reset();
	}

	@AfterEach
	void stopProcesses() throws InterruptedException {
		for (JarProcess process : processes) {
			process.close();
		}
	}

	@Test
	void fiveThousandRowsInTwentyFourPartitionsComeOutOnceInOrderWithinTheAccountLimit(@TempDir Path dir)
			throws Exception {
		List<JarProcess> workers = startWorkers(dir, WORKERS, List.of());
		TranslationJobFixture job = job(dir, "spread", 5000);
		JarProcess manager = startRun(dir, job, "--partitions", "24");
		assertCompleted(manager);
		Matcher measured = Pattern.compile("latency:  p50 (\\d+) ms, p95 \\d+ ms, p99 \\d+ ms over (\\d+) paid calls")
			.matcher(manager.output());
		assertThat(measured.find()).as("the manager's summary of the workers' calls\n" + manager.output()).isTrue();
		assertThat(Long.parseLong(measured.group(2))).as("calls the workers paid").isEqualTo(5000);
		assertThat(Long.parseLong(measured.group(1))).as("median call, at a simulator that answers in 20 ms")
			.isGreaterThanOrEqualTo(20);
		assertEveryRowOnceInOrder(job, 5000);
		assertThat(simulator.peakInFlight()).as("calls in flight at the simulator at once").isLessThanOrEqualTo(LIMIT);
		assertThat(simulator.answersWithCode("1302")).as("1302 answers").isZero();
		assertThat(simulator.repaidCalls()).as("calls paid twice").isZero();
		Set<String> busy = new HashSet<>();
		List<String> partitions = new ArrayList<>();
		for (JarProcess worker : workers) {
			Matcher taken = TAKEN.matcher(worker.output());
			while (taken.find()) {
				busy.add(taken.group(2));
				partitions.add(taken.group(1));
			}
		}
		assertThat(partitions).as("each partition taken once").hasSize(24).doesNotHaveDuplicates();
		assertThat(busy).as("workers that took partitions").hasSizeGreaterThan(1);
		JarProcess status = JarProcess.start(dir, dir.resolve("status.log"), environment(), List.of(), "status");
		assertThat(status.waitFor(PATIENCE)).isTrue();
		assertThat(status.output()).contains("partitions: 24 (24 completed)")
			.containsPattern("partition001  COMPLETED  rows 1-209, 209 committed, worker \\S+");
	}

	@Test
	void withoutSharedPermitsTheWorkersOverrunTheAccountLimit(@TempDir Path dir) throws Exception {
		startWorkers(dir, WORKERS, List.of("-Dglmbatch.permits.enabled=false"));
		TranslationJobFixture job = job(dir, "unshared", 3000);
		JarProcess manager = startRun(dir, job, "--partitions", "6");
		// once overrun, the rest of the run shows nothing more: it is stopped, so that no
		// request of it is left for the next test's workers
		long since = System.nanoTime();
		while (manager.isAlive() && (simulator.peakInFlight() <= LIMIT || simulator.answersWithCode("1302") == 0)) {
			assertThat(Duration.ofNanos(System.nanoTime() - since)).as("waiting for the run").isLessThan(PATIENCE);
			Thread.sleep(200);
		}
		if (manager.isAlive()) {
			JarProcess stop = JarProcess.start(dir, dir.resolve("stop.log"), environment(), List.of(), "stop",
					runId(job));
			assertThat(stop.waitFor(PATIENCE)).isTrue();
		}
		assertThat(manager.waitFor(PATIENCE)).as(manager.output()).isTrue();
		assertThat(simulator.peakInFlight()).as("calls in flight at the simulator at once").isGreaterThan(LIMIT);
		assertThat(simulator.answersWithCode("1302")).as("1302 answers").isPositive();
	}

	@Test
	void aWorkerKilledMidPartitionIsReplacedWithoutAnyCommand(@TempDir Path dir) throws Exception {
		TranslationJobFixture job = job(dir, "victim", 4000);
		JarProcess manager = startRun(dir, job, "--partitions", "12");
		awaitWorkingWorker(startWorkers(dir, WORKERS, List.of())).kill();
		assertCompleted(manager);
		assertThat(manager.output()).contains("lost their worker; resuming them on the workers alive");
		assertEveryRowOnceInOrder(job, 4000);
		long repaid = simulator.repaidCalls();
		System.out.printf("worker killed: %d calls paid twice (bound: %d in flight)%n", repaid, CONCURRENCY);
		assertThat(repaid).as("calls paid twice").isLessThanOrEqualTo(CONCURRENCY);
	}

	@Test
	void aPausedWorkerWhosePartitionWasResumedElsewhereCannotCommitIt(@TempDir Path dir) throws Exception {
		TranslationJobFixture job = job(dir, "zombie", 4000);
		JarProcess manager = startRun(dir, job, "--partitions", "12");
		List<JarProcess> workers = startWorkers(dir, WORKERS, List.of());
		JarProcess zombie;
		Optional<String> leased;
		long since = System.nanoTime();
		do {
			// paused between two partitions, a worker would hold nothing to lose
			zombie = awaitWorkingWorker(workers);
			signal("STOP", zombie);
			leased = partitionLeasedTo(workerOf(zombie));
			if (leased.isEmpty()) {
				signal("CONT", zombie);
				assertThat(Duration.ofNanos(System.nanoTime() - since)).as("pausing a worker at work")
					.isLessThan(PATIENCE);
				Thread.sleep(100);
			}
		}
		while (leased.isEmpty());
		String held = leased.get();
		try {
			assertCompleted(manager);
		}
		finally {
			signal("CONT", zombie);
		}
		assertThat(manager.output()).as("the manager ends the paused worker's database sessions, and their locks")
			.containsPattern("Ended \\d+ database sessions of worker");
		zombie.awaitLine(Pattern.compile(held + " (lost its lease|given up on worker|ended \\w+ on worker)"), PATIENCE);
		Thread.sleep(PartitionLeases.HEARTBEAT.toMillis() * 3);
		assertThat(zombie.output()).as("the paused worker never completes the partition it lost")
			.doesNotContain(held + " ended COMPLETED on worker");
		assertEveryRowOnceInOrder(job, 4000);
		assertThat(simulator.repaidCalls()).as("calls paid twice").isLessThanOrEqualTo(CONCURRENCY);
	}

	@Test
	void aKilledManagerIsTakenOverByTheNextRun(@TempDir Path dir) throws Exception {
		startWorkers(dir, WORKERS, List.of());
		TranslationJobFixture job = job(dir, "headless", 4000);
		JarProcess manager = startRun(dir, job, "--partitions", "12");
		manager.awaitLine(ROWS_COMMITTED, PATIENCE);
		manager.kill();
		JarProcess next = startRun(dir, job, "--partitions", "12");
		assertCompleted(next);
		assertEveryRowOnceInOrder(job, 4000);
		long repaid = simulator.repaidCalls();
		System.out.printf("manager killed: %d calls paid twice (bound: %d in flight)%n", repaid, WORKERS * CONCURRENCY);
		assertThat(repaid).as("calls paid twice").isLessThanOrEqualTo(WORKERS * CONCURRENCY);
	}

	@Test
	void stopFromAnotherProcessStopsEveryWorkerAndTheRunResumes(@TempDir Path dir) throws Exception {
		List<JarProcess> workers = startWorkers(dir, WORKERS, List.of());
		// one call in flight at a time: the run outlasts a stop command's own start on a
		// busy machine, and its resume, at the account's limit, is quick
		TranslationJobFixture job = job(dir, "halted", 3000);
		JarProcess manager = startRunWithin(dir, job, 1, "--partitions", "24");
		awaitWorkingWorker(workers);
		manager.awaitLine(ROWS_COMMITTED, PATIENCE);
		JarProcess stop = JarProcess.start(dir, dir.resolve("stop.log"), environment(), List.of(), "stop", runId(job));
		assertThat(stop.waitFor(PATIENCE)).isTrue();
		assertThat(stop.exitValue()).as(stop.output()).isZero();
		assertThat(manager.waitFor(PATIENCE)).as(manager.output()).isTrue();
		assertThat(manager.exitValue()).as(manager.output()).isEqualTo(3);
		assertThat(Files.exists(job.outputFile())).as("no output from a stopped run").isFalse();
		long requestsAtStop = simulator.requests();
		Thread.sleep(3000);
		assertThat(simulator.requests()).as("calls once stopped").isEqualTo(requestsAtStop);
		JarProcess resumed = startRun(dir, job, "--partitions", "24");
		assertCompleted(resumed);
		assertThat(resumed.output()).contains("resumed from its last checkpoint");
		assertEveryRowOnceInOrder(job, 3000);
		assertThat(simulator.repaidCalls()).as("calls paid twice").isZero();
	}

	@Test
	void onEmbeddedH2ADistributedRunAndAWorkerAreRefusedInOneLine(@TempDir Path dir) throws Exception {
		TranslationJobFixture job = job(dir, "alone", 10);
		Map<String, String> h2 = Map.of("ZAI_API_KEY", KEY);
		JarProcess run = JarProcess.start(dir, dir.resolve("run.log"), h2, SMALL_HEAP, "run", job.jobFile().toString(),
				"--distributed", "--base-url", simulator.zaiBaseUrl().toString());
		// a home of its own: each of the two has an embedded state database to itself
		Path home = Files.createDirectories(dir.resolve("worker"));
		JarProcess worker = JarProcess.start(home, home.resolve("worker.log"), h2, SMALL_HEAP, "worker", "--base-url",
				simulator.zaiBaseUrl().toString());
		processes.addAll(List.of(run, worker));
		for (JarProcess refused : List.of(run, worker)) {
			assertThat(refused.waitFor(PATIENCE)).isTrue();
			assertThat(refused.exitValue()).as(refused.output()).isEqualTo(1);
			assertThat(refused.output()).contains("needs", "PostgreSQL state database", "SPRING_DATASOURCE_URL")
				.doesNotContain("Exception", "\tat ");
		}
		assertThat(Files.exists(job.outputFile())).isFalse();
		assertThat(simulator.requests()).as("calls").isZero();
	}

	/** Sends a signal ({@code STOP}, {@code CONT}) to a process. */
	private static void signal(String name, JarProcess process) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
		assertThat(kill.waitFor()).isZero();
	}

	/** The id of the run of a job, from the job repository. */
	private static String runId(TranslationJobFixture job) throws SQLException {
		try (Connection connection = TestDatabases.postgresConnection();
				PreparedStatement query = connection
					.prepareStatement("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?")) {
			query.setString(1, job.jobFile().getFileName().toString().replace(".yaml", ""));
			try (ResultSet run = query.executeQuery()) {
				assertThat(run.next()).as("the run of " + job.jobFile()).isTrue();
				return run.getString(1);
			}
		}
	}

	/** A worker's name, from the line it wrote when it last took a partition. */
	private static String workerOf(JarProcess worker) {
		Matcher taken = TAKEN.matcher(worker.output());
		String name = null;
		while (taken.find()) {
			name = taken.group(2);
		}
		assertThat(name).as("a worker that took a partition").isNotNull();
		return name;
	}

	/** The step name of the running partition a worker holds the lease of, if any. */
	private static Optional<String> partitionLeasedTo(String worker) throws SQLException {
		try (Connection connection = TestDatabases.postgresConnection();
				PreparedStatement query = connection.prepareStatement("""
						SELECT s.STEP_NAME FROM GLMB_PARTITION p
						JOIN BATCH_STEP_EXECUTION s ON s.STEP_EXECUTION_ID = p.STEP_EXECUTION_ID
						WHERE p.WORKER = ? AND p.RELEASED = FALSE AND s.STATUS IN ('STARTING', 'STARTED')""")) {
			query.setString(1, worker);
			try (ResultSet partition = query.executeQuery()) {
				return partition.next() ? Optional.of(partition.getString(1)) : Optional.empty();
			}
		}
	}

	/**
	 * Waits until a worker has taken a partition and committed rows of it, and returns
	 * that worker.
	 */
	private static JarProcess awaitWorkingWorker(List<JarProcess> workers) throws InterruptedException {
		long since = System.nanoTime();
		while (true) {
			for (JarProcess worker : workers) {
				String output = worker.output();
				int taken = output.lastIndexOf("taken by worker");
				if (taken >= 0 && ROWS_COMMITTED.matcher(output.substring(taken)).find()) {
					return worker;
				}
			}
			assertThat(Duration.ofNanos(System.nanoTime() - since)).as("waiting for a worker at work")
				.isLessThan(PATIENCE);
			Thread.sleep(50);
		}
	}

	private List<JarProcess> startWorkers(Path dir, int count, List<String> options) throws Exception {
		List<String> jvm = new ArrayList<>(SMALL_HEAP);
		jvm.addAll(options);
		List<JarProcess> workers = new ArrayList<>();
		for (int i = 1; i <= count; i++) {
			Path home = Files.createDirectories(dir.resolve("worker-" + i));
			JarProcess worker = JarProcess.start(home, home.resolve("worker.log"), environment(), jvm, "worker",
					"--base-url", simulator.zaiBaseUrl().toString());
			workers.add(worker);
			processes.add(worker);
		}
		for (JarProcess worker : workers) {
			worker.awaitLine(Pattern.compile("(waiting for partitions)"), PATIENCE);
		}
		return workers;
	}

	private JarProcess startRun(Path dir, TranslationJobFixture job, String... options) throws IOException {
		return startRunWithin(dir, job, LIMIT, options);
	}

	/**
	 * Starts a run that the workers give {@code maxInFlight} calls in flight together.
	 */
	private JarProcess startRunWithin(Path dir, TranslationJobFixture job, int maxInFlight, String... options)
			throws IOException {
		List<String> arguments = new ArrayList<>(List.of("run", job.jobFile().toString(), "--distributed", "--base-url",
				simulator.zaiBaseUrl().toString(), "--max-in-flight", String.valueOf(maxInFlight), "--no-reuse"));
		arguments.addAll(List.of(options));
		JarProcess run = JarProcess.start(dir, dir.resolve(job.jobFile().getFileName() + ".log"), environment(),
				SMALL_HEAP, arguments.toArray(String[]::new));
		processes.add(run);
		return run;
	}

	private static Map<String, String> environment() {
		Map<String, String> env = TestDatabases.environment(TestDatabases.POSTGRESQL);
		env.put("ZAI_API_KEY", KEY);
		return env;
	}

	private static TranslationJobFixture job(Path dir, String name, int rows) {
		return TranslationJobFixture.writtenInFrench(dir, name, rows, CONCURRENCY);
	}

	/** Waits for a run to end, and asserts that it completed. */
	private static void assertCompleted(JarProcess run) throws InterruptedException {
		assertThat(run.waitFor(PATIENCE)).as(run.output()).isTrue();
		assertThat(run.exitValue()).as(run.output()).isZero();
	}

	/**
	 * Asserts that a job's output holds each of its {@code rows} input rows once, in
	 * order.
	 */
	private static void assertEveryRowOnceInOrder(TranslationJobFixture job, int rows) throws IOException {
		assertThat(CsvFiles.column(job.outputFile(), "sku")).containsExactlyElementsOf(CsvFiles.numbered("P", rows));
	}

}
