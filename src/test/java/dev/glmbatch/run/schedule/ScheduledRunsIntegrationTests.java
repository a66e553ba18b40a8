package dev.glmbatch.run.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import dev.glmbatch.run.RunStatus;
import dev.glmbatch.run.RunSummary;
import dev.glmbatch.run.Runs;
import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.AbstractServiceTests;
import dev.glmbatch.testsupport.SweepJobFixture;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import static dev.glmbatch.testsupport.SweepJobFixture.aSweepJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's schedules with a fast cron (every 2 s) against the simulator: files
 * dropped into the incoming folder are processed exactly once, overlapping triggers do
 * not double a run, a stopped run is resumed by the next trigger without paying twice,
 * and an invalid job file does not stop the other schedules.
 */
class ScheduledRunsIntegrationTests extends AbstractServiceTests {

	@Test
	void filesDroppedIntoTheIncomingFolderAreProcessedExactlyOnce() throws IOException {
		SweepJobFixture job = everyTwoSeconds("nightly");
		job.write();
		Files.writeString(dir.resolve("jobs/broken.yaml"), "name: broken\ninput: {pattern: ../input/*/x.csv}\n",
				StandardCharsets.UTF_8);
		service.serve(dir);

		job.drop("a.csv", "A", 6);
		job.drop("b.csv", "B", 4);
		await().atMost(Duration.ofSeconds(60)).until(() -> completedRuns("nightly").size() == 2);
		job.drop("c.csv", "C", 3);
		await().atMost(Duration.ofSeconds(60)).until(() -> completedRuns("nightly").size() == 3);
		waitForTriggers(2);

		assertThat(completedRuns("nightly")).extracting(RunSummary::executions).containsOnly(1);
		assertThat(simulator.stats().requests()).isEqualTo(6 + 4 + 3);
		assertThat(simulator.stats().repaidCalls()).isZero();
		assertThat(job.processed()).isDirectoryContaining("glob:**/a.csv")
			.isDirectoryContaining("glob:**/b.csv")
			.isDirectoryContaining("glob:**/c.csv");
		assertThat(job.incoming()).isEmptyDirectory();
		assertThat(Files.readAllLines(job.outputFor("b.csv"))).hasSize(5);
		assertThat(service.bean(JobCatalogue.class).find("broken")).isEmpty();
		assertThat(service.bean(JobCatalogue.class).entries())
			.anySatisfy(entry -> assertThat(entry.problem()).contains("wildcards in its folder part"));
	}

	@Test
	void aTriggerWhileTheJobRunsIsReportedAndDoesNotDoubleTheRun() {
		servingABigFile("slow-nightly", 120, Duration.ofMillis(60));

		await().atMost(Duration.ofSeconds(90)).until(() -> completedRuns("slow-nightly").size() == 1);
		waitForTriggers(2);

		MeterRegistry metrics = service.bean(MeterRegistry.class);
		assertThat(metrics.counter("glmbatch.triggers.skipped", "job", "slow-nightly").count()).isPositive();
		assertThat(service.bean(Runs.class).list(10)).hasSize(1);
		assertThat(completedRuns("slow-nightly").get(0).executions()).isEqualTo(1);
		assertThat(simulator.stats().requests()).isEqualTo(120);
		assertThat(simulator.stats().repaidCalls()).isZero();
		assertThat(metrics.counter("glmbatch.rows", "job", "slow-nightly").count()).isEqualTo(120);
		assertThat(service.bean(RunLauncher.class).lastTrigger("slow-nightly")).isPresent();
	}

	@Test
	void aRunStoppedMidWayIsResumedByTheNextTriggerWithoutPayingTwice() throws Exception {
		SweepJobFixture job = servingABigFile("resumed", 150, Duration.ofMillis(40));
		Runs runs = service.bean(Runs.class);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> runs.list(1).stream().anyMatch(run -> run.totals().rows() > 0));
		long runId = runs.list(1).get(0).runId();

		assertThat(runs.requestStop(runId)).isTrue();

		await().atMost(Duration.ofSeconds(60)).until(() -> runs.status(runId).orElseThrow().executions() == 2);
		await().atMost(Duration.ofSeconds(90)).until(() -> completedRuns("resumed").size() == 1);
		assertThat(completedRuns("resumed").get(0).runId()).isEqualTo(runId);
		assertThat(completedRuns("resumed").get(0).totals().rows()).isEqualTo(150);
		assertThat(simulator.stats().repaidCalls()).isZero();
		assertThat(Files.readAllLines(job.outputFor("big.csv"))).hasSize(151).doesNotHaveDuplicates();
	}

	@Test
	void aJobFileWrittenWhileServingIsPickedUpAndScheduled() throws IOException {
		Files.createDirectories(dir.resolve("jobs"));
		service.serve(dir);
		assertThat(service.bean(JobCatalogue.class).entries()).isEmpty();

		SweepJobFixture job = everyTwoSeconds("late").keepingProcessedFiles();
		job.write();
		job.drop("late.csv", "L", 2);

		await().atMost(Duration.ofSeconds(60)).until(() -> completedRuns("late").size() == 1);
	}

	/** A job sweeping the incoming folder on a fast cron, in a zone of its own. */
	private SweepJobFixture everyTwoSeconds(String name) {
		return aSweepJob(dir).named(name).withCron("*/2 * * * * *").withZone("Europe/Paris").withMissed("skip");
	}

	/**
	 * Serves a job on the fast cron that keeps its processed files, with {@code big.csv}
	 * of {@code rows} rows already in its incoming folder and every call answered after
	 * {@code latency}, so that its run lasts over several triggers.
	 */
	private SweepJobFixture servingABigFile(String name, int rows, Duration latency) {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.normal().withLatency(latency)));
		SweepJobFixture job = everyTwoSeconds(name).keepingProcessedFiles();
		job.write();
		job.drop("big.csv", "B", rows);
		service.serve(dir);
		return job;
	}

	private List<RunSummary> completedRuns(String job) {
		return service.bean(Runs.class)
			.list(100)
			.stream()
			.filter(run -> run.jobName().equals(job) && run.status() == RunStatus.COMPLETED)
			.toList();
	}

	/** Lets a few more triggers fire, to show that they add nothing. */
	private static void waitForTriggers(int count) {
		try {
			Thread.sleep(count * 2_000L + 500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
