package dev.glmbatch;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.glmbatch.simulator.BatchRule;
import dev.glmbatch.simulator.BatchStats;
import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import dev.glmbatch.testsupport.JarProcess;
import dev.glmbatch.testsupport.TestDatabases;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code mode: batch} run of the packaged jar killed with SIGKILL while its batch runs
 * resumes by polling that batch: the simulator sees one submission of the rows, and every
 * row comes out once, in order, without a call paid one by one or paid twice. On H2 and
 * on PostgreSQL.
 */
class BatchKillProcessTests {

	private static final int ROWS = 300;

	private static final Pattern SUBMITTED = Pattern.compile("Batch (\\S+) submitted");

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	@ParameterizedTest(name = "{0}")
	@MethodSource("dev.glmbatch.testsupport.TestDatabases#names")
	void killedAfterSubmittingThenResumedPollsTheSameBatch(String database, @TempDir Path dir) throws Exception {
		TranslationJobFixture job = TranslationJobFixture.aTranslationJob(dir)
			.named("batch-kill-" + database + "-" + System.nanoTime())
			.withRows(ROWS)
			.withLanguages("fr")
			.withMode("batch");
		job.write();
		// long enough for the kill to come while the batch is in progress
		simulator.simulator().addBatchRule(BatchRule.slow(Duration.ofSeconds(8)));

		try (JarProcess run = startRun(dir, job, database, "killed.log")) {
			run.awaitLine(SUBMITTED, Duration.ofMinutes(2));
			run.kill();
		}
		assertThat(simulator.simulator().batchStats().batchesCreated()).isEqualTo(1);

		try (JarProcess resumed = startRun(dir, job, database, "resumed.log")) {
			assertThat(resumed.waitFor(Duration.ofMinutes(5))).isTrue();
			String log = resumed.output();
			assertThat(resumed.exitValue()).as(log).isZero();
			assertThat(log).doesNotContain("submitted").contains("  batch:    " + ROWS + " of " + ROWS);
		}
		BatchStats batches = simulator.simulator().batchStats();
		assertThat(batches.batchesCreated()).as("one submission of the rows").isEqualTo(1);
		assertThat(batches.linesSubmitted()).isEqualTo(ROWS);
		assertThat(batches.resubmittedLines()).isZero();
		assertThat(CsvFiles.column(job.outputFile(), "sku")).containsExactlyElementsOf(CsvFiles.numbered("P", ROWS));
		assertThat(CsvFiles.column(job.outputFile(), "name_fr"))
			.allSatisfy((v) -> assertThat(v).startsWith("[French] "));
		assertThat(simulator.stats().countOfStatus(200)).as("calls paid one by one").isZero();
		assertThat(simulator.stats().repaidCalls()).isZero();
	}

	private static JarProcess startRun(Path dir, TranslationJobFixture job, String database, String log)
			throws IOException {
		// --no-reuse: other runs on a shared PostgreSQL database have answered these rows
		Map<String, String> env = TestDatabases.environment(database);
		env.put("ZAI_API_KEY", "test-key");
		return JarProcess.start(dir, dir.resolve(log), env, List.of(), "run", job.jobFile().toString(), "--base-url",
				simulator.zaiBaseUrl().toString(), "--no-reuse");
	}

}
