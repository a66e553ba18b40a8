package dev.glmbatch.run.schedule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.glmbatch.run.RunSummary;
import dev.glmbatch.run.Runs;
import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import dev.glmbatch.testsupport.ServiceFixture;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service's schedules with a fast cron (every 2 s) against the simulator: files dropped into the incoming folder
 * are processed exactly once, overlapping triggers do not double a run, a stopped run is resumed by the next trigger
 * without paying twice, and an invalid job file does not stop the other schedules.
 */
class ScheduledRunsIntegrationTests {

	private static final String EVERY_TWO_SECONDS = "*/2 * * * * *";

	@RegisterExtension
	GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	@TempDir
	Path dir;

	private ServiceFixture service;

	@AfterEach
	void stopService() {
		if (service != null) {
			service.close();
		}
	}

	@Test
	void filesDroppedIntoTheIncomingFolderAreProcessedExactlyOnce() throws IOException {
		writeNightlyJob("nightly", "processed: ../input/processed");
		Files.writeString(dir.resolve("jobs/broken.yaml"), "name: broken\ninput: {pattern: ../input/*/x.csv}\n",
				StandardCharsets.UTF_8);
		service = ServiceFixture.start(dir, simulator.zaiBaseUrl(), Map.of());

		dropCsv("a.csv", 6);
		dropCsv("b.csv", 4);
		await().atMost(Duration.ofSeconds(60)).until(() -> completedRuns("nightly").size() == 2);
		dropCsv("c.csv", 3);
		await().atMost(Duration.ofSeconds(60)).until(() -> completedRuns("nightly").size() == 3);
		waitForTriggers(2);

		assertThat(completedRuns("nightly")).extracting(RunSummary::executions).containsOnly(1);
		assertThat(simulator.stats().requests()).isEqualTo(6 + 4 + 3);
		assertThat(simulator.stats().repaidCalls()).isZero();
		assertThat(dir.resolve("input/processed")).isDirectoryContaining("glob:**/a.csv")
			.isDirectoryContaining("glob:**/b.csv")
			.isDirectoryContaining("glob:**/c.csv");
		assertThat(dir.resolve("input/incoming")).isEmptyDirectory();
		assertThat(Files.readAllLines(dir.resolve("output/nightly-b.csv"))).hasSize(5);
		assertThat(service.bean(JobCatalogue.class).find("broken")).isEmpty();
		assertThat(service.bean(JobCatalogue.class).entries()).anySatisfy(
				entry -> assertThat(entry.problem()).contains("wildcards in its folder part"));
	}

	@Test
	void aTriggerWhileTheJobRunsIsReportedAndDoesNotDoubleTheRun() throws IOException {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.normal().withLatency(Duration.ofMillis(60))));
		writeNightlyJob("slow-nightly", "");
		dropCsv("big.csv", 120);
		service = ServiceFixture.start(dir, simulator.zaiBaseUrl(), Map.of());

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
		simulator.addRule(SimulatorRule.when(Match.any(), Response.normal().withLatency(Duration.ofMillis(40))));
		writeNightlyJob("resumed", "");
		dropCsv("big.csv", 150);
		service = ServiceFixture.start(dir, simulator.zaiBaseUrl(), Map.of());
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
		assertThat(Files.readAllLines(dir.resolve("output/resumed-big.csv"))).hasSize(151).doesNotHaveDuplicates();
	}

	@Test
	void aJobFileWrittenWhileServingIsPickedUpAndScheduled() throws IOException {
		Files.createDirectories(dir.resolve("jobs"));
		service = ServiceFixture.start(dir, simulator.zaiBaseUrl(), Map.of());
		assertThat(service.bean(JobCatalogue.class).entries()).isEmpty();

		writeNightlyJob("late", "");
		dropCsv("late.csv", 2);

		await().atMost(Duration.ofSeconds(60)).until(() -> completedRuns("late").size() == 1);
	}

	private void writeNightlyJob(String name, String processedLine) throws IOException {
		Files.createDirectories(dir.resolve("jobs"));
		Files.createDirectories(dir.resolve("input/incoming"));
		Files.writeString(dir.resolve("jobs/" + name + ".yaml"), """
				name: %s
				input:
				  pattern: ../input/incoming/*.csv
				  %s
				task:
				  type: translate
				  columns: [name]
				  to: [fr]
				chunk-size: 4
				concurrency: 2
				output:
				  path: ../output/{job}-{input}.csv
				schedule:
				  cron: "%s"
				  zone: Europe/Paris
				  missed: skip
				""".formatted(name, processedLine, EVERY_TWO_SECONDS), StandardCharsets.UTF_8);
	}

	/** Written under a temporary name and renamed, as a client should, so no trigger sees half a file. */
	private void dropCsv(String name, int rows) throws IOException {
		StringBuilder csv = new StringBuilder("sku,name,description\n");
		for (int i = 1; i <= rows; i++) {
			csv.append(name, 0, 1).append(i).append(",Product ").append(name).append(' ').append(i)
				.append(",Description\n");
		}
		Path partial = dir.resolve("input/incoming/" + name + ".part");
		Files.writeString(partial, csv, StandardCharsets.UTF_8);
		Files.move(partial, dir.resolve("input/incoming/" + name));
	}

	private List<RunSummary> completedRuns(String job) {
		return service.bean(Runs.class)
			.list(100)
			.stream()
			.filter(run -> run.jobName().equals(job) && run.status().equals("COMPLETED"))
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
