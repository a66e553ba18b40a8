package dev.glmbatch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.JarProcess;
import dev.glmbatch.testsupport.SimulatorProcess;
import dev.glmbatch.testsupport.TestDatabases;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged jar as a user would, against a simulator in another process, kills
 * it with SIGKILL at random points, resumes it each time, and checks the promise of the
 * tool: every row exactly once, in input order, the rejects accounting for the rest, and
 * at most the in-flight calls paid twice per kill.
 */
class KillAndResumeProcessTests {

	private static final String CANARY_KEY = "canary-4f1e7a2b.zz9PluralZAlpha";

	private static final int ROWS = 3000;

	private static final int CONCURRENCY = 8;

	/** A progress line once some rows are committed. */
	private static final Pattern ROWS_COMMITTED = Pattern.compile("Rows ([1-9][0-9]*)/");

	@RegisterExtension
	static SimulatorProcess simulator = new SimulatorProcess();

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.glmbatch.testsupport.TestDatabases#names")
	void killedRepeatedlyThenResumedGivesEveryRowOnceAndPaysOnlyForCallsInFlight(String database, @TempDir Path dir)
			throws Exception {
		TranslationJobFixture job = bigJob(dir, "kill-" + database).withRawLine("P-ragged,only two fields");
		job.write();
		simulator.reset();
		Random random = new Random(42);
		StringBuilder allOutput = new StringBuilder();
		int kills = 0;
		for (int attempt = 0; attempt < 4; attempt++) {
			try (JarProcess run = startRun(dir, job, database)) {
				boolean finished = run.waitFor(Duration.ofMillis(3000 + random.nextInt(3000)));
				if (!finished) {
					run.kill();
					kills++;
				}
				allOutput.append(run.output());
			}
		}
		try (JarProcess last = startRun(dir, job, database)) {
			assertThat(last.waitFor(Duration.ofMinutes(5))).isTrue();
			String lastLog = last.output();
			allOutput.append(lastLog);
			assertThat(last.exitValue()).as(lastLog).isZero();
		}

		// the ragged row is the last input row: it is in the output too, rejected, with
		// no translation
		List<String> everyRow = new ArrayList<>(CsvFiles.numbered("P", ROWS));
		everyRow.add("P-ragged");
		assertThat(CsvFiles.column(job.outputFile(), "sku")).as("every input row exactly once, in input order")
			.containsExactlyElementsOf(everyRow);
		assertThat(CsvFiles.column(job.outputFile(), "name_fr").subList(0, ROWS))
			.allSatisfy(value -> assertThat(value).startsWith("[French] "));
		assertThat(CsvFiles.column(job.outputFile(), "status").get(ROWS)).isEqualTo("rejected");
		assertThat(CsvFiles.column(job.rejectFile(), "sku")).containsExactly("P-ragged");

		long repaid = simulator.repaidCalls();
		System.out.printf("[%s] %d kills, %d calls paid twice (bound %d)%n", database, kills, repaid,
				(long) kills * CONCURRENCY);
		assertThat(kills).as("the run was really interrupted").isGreaterThanOrEqualTo(2);
		assertThat(repaid).isLessThanOrEqualTo((long) kills * CONCURRENCY);

		assertThat(allOutput.toString()).doesNotContain(CANARY_KEY);
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
					.doesNotContain(CANARY_KEY);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.glmbatch.testsupport.TestDatabases#names")
	void sigtermStopsAtAChunkBoundaryWithExitCodeThreeAndTheRunResumes(String database, @TempDir Path dir)
			throws Exception {
		TranslationJobFixture job = bigJob(dir, "term-" + database);
		job.write();
		try (JarProcess run = startRun(dir, job, database)) {
			// once rows are being committed: a signal during start-up ends the JVM before
			// the
			// command has anything to stop
			run.awaitLine(ROWS_COMMITTED, Duration.ofMinutes(2));
			run.terminate();
			assertThat(run.waitFor(Duration.ofMinutes(2))).isTrue();
			String log = run.output();
			assertThat(run.exitValue()).as(log).isEqualTo(3);
			assertThat(log).contains("STOPPED").contains("Resume with");
		}

		try (JarProcess resumed = startRun(dir, job, database)) {
			assertThat(resumed.waitFor(Duration.ofMinutes(5))).isTrue();
			String resumedLog = resumed.output();
			assertThat(resumed.exitValue()).as(resumedLog).isZero();
			assertThat(resumedLog).contains("resumed");
		}
		assertThat(CsvFiles.column(job.outputFile(), "sku")).hasSize(ROWS).doesNotHaveDuplicates();
	}

	/**
	 * {@value #ROWS} rows to French, {@value #CONCURRENCY} calls at a time, under a name
	 * of its own.
	 */
	private static TranslationJobFixture bigJob(Path dir, String prefix) {
		return TranslationJobFixture.aTranslationJob(dir)
			.named(prefix + "-" + System.nanoTime())
			.withRows(ROWS)
			.withLanguages("fr")
			.withChunkSize(20)
			.withConcurrency(CONCURRENCY);
	}

	/**
	 * {@code run JOB} with the canary as API key, its output going to
	 * {@code dir/run.log}.
	 */
	private static JarProcess startRun(Path dir, TranslationJobFixture job, String database) throws IOException {
		Map<String, String> env = TestDatabases.environment(database);
		env.put("ZAI_API_KEY", CANARY_KEY);
		return JarProcess.start(dir, dir.resolve("run.log"), env, List.of(), "run", job.jobFile().toString(),
				"--base-url", simulator.zaiBaseUrl().toString());
	}

}
