package dev.glmbatch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import dev.glmbatch.testsupport.JarProcess;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to the packaged jar while every call of the run is backing off between retries
 * (the endpoint answers HTTP 500): the run ends stopped with exit code 3, as at a chunk
 * boundary, not failed, and resumes.
 */
class StopDuringRetriesProcessTests {

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	@TempDir
	Path dir;

	@Test
	void sigtermWhileCallsAreRetryingStopsWithExitCodeThreeAndTheRunResumes() throws Exception {
		TranslationJobFixture job = TranslationJobFixture.aTranslationJob(dir)
			.named("retrying")
			.withRows(30)
			.withLanguages("fr")
			.withChunkSize(5)
			.withConcurrency(2);
		job.write();
		// the rows' calls fail; the free probe before the first row (a request without
		// messages) does not
		simulator.addRule(SimulatorRule.when(Match.containing("Product"), Response.error(500, "500")));

		try (JarProcess run = startRun(job)) {
			awaitFailedAttempts(3, Duration.ofMinutes(2));
			run.terminate();
			assertThat(run.waitFor(Duration.ofMinutes(2))).isTrue();
			String log = run.output();
			assertThat(run.exitValue()).as(log).isEqualTo(3);
			assertThat(log).contains("STOPPED").doesNotContain("FAILED");
		}
		simulator.simulator().clearRules();

		try (JarProcess resumed = startRun(job)) {
			assertThat(resumed.waitFor(Duration.ofMinutes(2))).isTrue();
			String log = resumed.output();
			assertThat(resumed.exitValue()).as(log).isZero();
			assertThat(log).contains("resumed");
		}
		assertThat(CsvFiles.column(job.outputFile(), "sku")).hasSize(30).doesNotHaveDuplicates();
		assertThat(simulator.stats().repaidCalls()).isZero();
	}

	private static void awaitFailedAttempts(long attempts, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (simulator.stats().countOfStatus(500) < attempts && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(simulator.stats().countOfStatus(500)).as("failed attempts before SIGTERM")
			.isGreaterThanOrEqualTo(attempts);
	}

	private JarProcess startRun(TranslationJobFixture job) throws Exception {
		// retries capped at 2 s apart keep the test short; the run is still backing off
		// when the signal comes
		return JarProcess.start(dir, dir.resolve("run.log"), Map.of("ZAI_API_KEY", "test-key"),
				List.of("-Dglm.max-backoff=2s"), "run", job.jobFile().toString(), "--base-url",
				simulator.zaiBaseUrl().toString());
	}

}
