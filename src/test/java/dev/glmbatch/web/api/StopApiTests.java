package dev.glmbatch.web.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.AbstractServiceTests;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stop through the API: the run shows {@code STOPPING} while its last chunk is written,
 * and {@code STOPPED} only once nothing more will change, so that the rows and resume
 * command shown beside {@code STOPPED} are final.
 */
class StopApiTests extends AbstractServiceTests {

	@Test
	void aRunShowsStoppedOnlyOnceItsLastChunkHasCommitted() throws Exception {
		// slow calls: a stop always comes while a chunk is being worked
		simulator.addRule(SimulatorRule.when(Match.any(), Response.normal().withLatency(Duration.ofMillis(100))));
		aTranslationJob(dir).named("slow")
			.withRows(300)
			.withChunkSize(4)
			.withConcurrency(2)
			.withLanguages("fr")
			.write();
		service.serve(dir);
		long runId = service.startRun("slow");
		service.api().awaitRun(runId, Duration.ofSeconds(30), run -> run.get("totals").get("rows").asLong() >= 20);

		assertThat(service.post("/api/runs/" + runId + "/stop").statusCode()).isEqualTo(202);

		List<String> seen = new ArrayList<>();
		JsonNode run = service.run(runId);
		long since = System.nanoTime();
		while (!run.get("status").asString().equals("STOPPED")) {
			seen.add(run.get("status").asString());
			assertThat(Duration.ofNanos(System.nanoTime() - since)).as("waiting for the stop")
				.isLessThan(Duration.ofSeconds(30));
			Thread.sleep(5);
			run = service.run(runId);
		}
		long rowsWhenStopped = run.get("totals").get("rows").asLong();
		assertThat(seen).as("statuses before STOPPED").containsOnly("STARTED", "STOPPING");
		Thread.sleep(1000);
		JsonNode settled = service.run(runId);
		assertThat(settled.get("totals").get("rows").asLong()).as("rows committed after STOPPED was shown")
			.isEqualTo(rowsWhenStopped)
			.isLessThan(300);
		assertThat(settled.get("resumeCommand").asString()).contains("/api/runs/" + runId + "/resume");
	}

}
