package dev.glmbatch.web.api;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import dev.glmbatch.testsupport.ServiceFixture;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static dev.glmbatch.testsupport.ServiceFixture.json;
import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API of the service over real HTTP, against the simulator: every endpoint, and
 * bad requests answered as problem details.
 */
class ServiceApiTests {

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	@TempDir
	static Path dir;

	@RegisterExtension
	static ServiceFixture service = ServiceFixture.forTheClassAgainst(simulator);

	@BeforeAll
	static void startService() throws IOException {
		aTranslationJob(dir).named("quick").withRows(12).withLanguages("fr").withRawLine("P-ragged,only two").write();
		aTranslationJob(dir).named("slow")
			.withRows(200)
			.withChunkSize(4)
			.withConcurrency(2)
			.withLanguages("fr")
			.write();
		aTranslationJob(dir).named("no-price").withModel("glm-4.7").withRows(3).withLanguages("fr").write();
		Files.writeString(dir.resolve("jobs/broken.yaml"), "input: {path: x.csv}\n", StandardCharsets.UTF_8);
		Files.writeString(dir.resolve("jobs/awaiting.yaml"), """
				input: {path: ../input/not-yet.csv}
				task: {type: translate, columns: [name], to: [fr]}
				output: {path: ../output/awaiting.csv}
				""", StandardCharsets.UTF_8);
		Files.createDirectories(dir.resolve("input/documents"));
		Files.writeString(dir.resolve("input/documents/note.txt"), "A short note.", StandardCharsets.UTF_8);
		for (String folder : new String[] { "documents", "no-documents" }) {
			Files.writeString(dir.resolve("jobs/" + folder + ".yaml"), """
					input: {folder: ../input/%s, pattern: "*.txt"}
					task: {type: summarise, words: 20}
					output: {path: ../output/%s.csv}
					""".formatted(folder, folder), StandardCharsets.UTF_8);
		}
		// glm-4.7 stands for a model without a price
		service.serve(dir, Map.of("glm.models[glm-4.7].unpriced", "true"));
	}

	@Test
	void listsValidJobsAndReportsTheInvalidFileWithItsProblem() {
		HttpResponse<String> response = service.get("/api/jobs");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode jobs = json(response);
		assertThat(jobs.findValuesAsString("name")).contains("quick", "slow", "broken.yaml");
		JsonNode broken = find(jobs, "broken.yaml");
		assertThat(broken.get("valid").asBoolean()).isFalse();
		assertThat(broken.get("problem").asString()).contains("task").contains("Fix:");
		assertThat(find(jobs, "quick").get("valid").asBoolean()).isTrue();
		assertThat(find(jobs, "quick").get("inputProblem").isNull()).isTrue();
		assertThat(service.get("/api/jobs/quick").statusCode()).isEqualTo(200);
		// a valid job file whose input is not there is not shown as ready to run
		JsonNode awaiting = find(jobs, "awaiting");
		assertThat(awaiting.get("valid").asBoolean()).isTrue();
		assertThat(awaiting.get("inputProblem").asString())
			.isEqualTo("the input file " + dir.resolve("input/not-yet.csv").toAbsolutePath().normalize()
					+ " does not exist; put it there, or correct input.path");
		// a folder of documents is its input, and only a missing folder is a problem
		Path documents = dir.resolve("input/documents").toAbsolutePath().normalize();
		assertThat(find(jobs, "documents").get("inputProblem").isNull()).isTrue();
		assertThat(find(jobs, "documents").get("input").asString()).isEqualTo(documents + " ('*.txt')");
		assertThat(find(jobs, "no-documents").get("inputProblem").asString()).isEqualTo("the input folder "
				+ documents.resolveSibling("no-documents") + " does not exist; create it, or correct input.folder");
	}

	@Test
	void startsARunThenServesItsStatusReportOutputAndRejects() {
		long runId = runToCompletion("quick");

		JsonNode run = service.run(runId);
		assertThat(run.get("job").asString()).isEqualTo("quick");
		assertThat(run.get("totals").get("rows").asLong()).isEqualTo(13);
		assertThat(run.get("inputRows").asLong()).as("the ragged row counts: it is committed as a reject")
			.isEqualTo(13);
		assertThat(run.get("totals").get("rejected").asLong()).isEqualTo(1);
		JsonNode report = json(service.get("/api/runs/" + runId + "/report"));
		assertThat(report.get("output").get("exists").asBoolean()).isTrue();
		assertThat(report.get("callsWithoutThinking").asLong()).isEqualTo(12);
		JsonNode totals = report.get("run").get("totals");
		assertThat(totals.at("/thinkingOff/calls").asLong()).isEqualTo(12);
		assertThat(totals.at("/thinkingOff/promptTokens").asLong()).isPositive()
			.isEqualTo(totals.get("promptTokens").asLong());
		assertThat(totals.at("/thinkingOn/completionTokens").asLong()).isZero();
		assertThat(totals.at("/thinkingOn/costUsd").decimalValue()).isZero();
		assertThat(totals.get("itemsThinkingOff").asLong()).isEqualTo(12);
		HttpResponse<String> output = service.get("/api/runs/" + runId + "/output");
		assertThat(output.statusCode()).isEqualTo(200);
		assertThat(output.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying(value -> assertThat(value).contains("attachment").contains("quick.csv"));
		// the 13 input rows and the header; the ragged row is in the output too,
		// rejected, since output row counts
		// match input row counts
		assertThat(output.body().lines()).hasSize(14)
			.anyMatch(line -> line.startsWith("P12,"))
			.anyMatch(line -> line.startsWith("P-ragged,") && line.contains(",rejected,"));
		HttpResponse<String> rejects = service.get("/api/runs/" + runId + "/rejects");
		assertThat(rejects.statusCode()).isEqualTo(200);
		assertThat(rejects.body()).contains("P-ragged");
		assertThat(json(service.get("/api/runs?job=quick")).findValuesAsString("job")).containsOnly("quick");

		HttpResponse<String> again = service.post("/api/jobs/quick/runs");

		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(json(again).get("outcome").asString()).isEqualTo("ALREADY_COMPLETED");
		assertThat(json(again).get("runId").asLong()).isEqualTo(runId);
		assertProblem(service.post("/api/runs/" + runId + "/stop"), 409, "not running");
		assertProblem(service.post("/api/runs/" + runId + "/resume"), 409, "already completed");
	}

	@Test
	void saysUnpricedInsteadOfADollarFigure() {
		long runId = runToCompletion("no-price");

		JsonNode totals = service.run(runId).get("totals");
		assertThat(totals.get("costUsd").isNull()).isTrue();
		assertThat(totals.get("unpricedCalls").asLong()).isEqualTo(3);
		assertThat(totals.at("/thinkingOff/costUsd").isNull()).isTrue();
		assertThat(totals.has("reasoningTokens")).isTrue();
		assertThat(totals.at("/thinkingOff/reasoningTokens").asLong()).isZero();
	}

	@Test
	void stopsARunningRunAtAChunkBoundaryAndResumesItWithoutPayingTwice() {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.normal().withLatency(Duration.ofMillis(30))));
		HttpResponse<String> started = service.post("/api/jobs/slow/runs");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		assertThat(started.headers().firstValue("Location")).isPresent();
		long runId = json(started).get("runId").asLong();
		assertProblem(service.post("/api/jobs/slow/runs"), 409, "busy");
		assertProblem(service.post("/api/runs/" + runId + "/resume"), 409, "busy");

		HttpResponse<String> stop = service.post("/api/runs/" + runId + "/stop");

		assertThat(stop.statusCode()).as(stop.body()).isEqualTo(202);
		service.awaitStatus(runId, "STOPPED");
		long rowsAtStop = service.run(runId).get("totals").get("rows").asLong();
		assertThat(rowsAtStop).isLessThan(200);
		assertThat(service.run(runId).get("inputRows").asLong()).as("the progress total").isEqualTo(200);
		assertProblem(service.get("/api/runs/" + runId + "/output"), 409, "written when the run completes");
		JsonNode stopped = service.run(runId);
		assertThat(stopped.get("problem").asString()).isEqualTo("stopped at a chunk boundary on a stop request");
		assertThat(stopped.get("resumeCommand").asString()).contains("POST /api/runs/" + runId + "/resume");

		HttpResponse<String> resumed = service.resume(runId);

		assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(202);
		assertThat(json(resumed).get("outcome").asString()).isEqualTo("RESUMED");
		service.awaitStatus(runId, "COMPLETED");
		JsonNode run = service.run(runId);
		assertThat(run.get("executions").asInt()).isEqualTo(2);
		assertThat(run.get("totals").get("rows").asLong()).isEqualTo(200);
		assertThat(run.get("inputRows").asLong()).as("kept by the resumed execution").isEqualTo(200);
		assertThat(simulator.stats().repaidCalls()).isZero();
	}

	@Test
	void runNowSaysWhenItResumesNewStartsAFreshRunAndAReplacedOutputIsNotServedAsAnOlderRuns() throws IOException {
		TranslationJobFixture job = aTranslationJob(dir).named("again")
			.withRows(20)
			.withChunkSize(4)
			.withLanguages("fr");
		job.write();
		service.post("/api/jobs/reload");
		simulator
			.addRule(SimulatorRule.when(Match.containing("Product 13\n"), Response.error(429, "1113")).withTimes(1));
		long failed = service.startRun("again");
		service.awaitStatus(failed, "FAILED");
		assertThat(service.run(failed).get("problem").asString()).contains("1113");

		HttpResponse<String> runNow = postUntilFree("/api/jobs/again/runs");

		assertThat(runNow.statusCode()).as(runNow.body()).isEqualTo(202);
		assertThat(json(runNow).get("outcome").asString()).isEqualTo("RESUMED");
		assertThat(json(runNow).get("runId").asLong()).isEqualTo(failed);
		service.awaitStatus(failed, "COMPLETED");
		assertThat(service.run(failed).get("problem").isNull()).isTrue();
		assertThat(json(postUntilFree("/api/jobs/again/runs")).get("outcome").asString())
			.isEqualTo("ALREADY_COMPLETED");

		HttpResponse<String> anew = postUntilFree("/api/jobs/again/runs?new=true");

		assertThat(anew.statusCode()).as(anew.body()).isEqualTo(202);
		assertThat(json(anew).get("outcome").asString()).isEqualTo("STARTED");
		long fresh = json(anew).get("runId").asLong();
		assertThat(fresh).isNotEqualTo(failed);
		service.awaitStatus(fresh, "COMPLETED");

		Files.writeString(job.outputFile(), "sku,name_fr\nP1,written by hand\n", StandardCharsets.UTF_8);
		assertProblem(service.get("/api/runs/" + fresh + "/output"), 409, "has been replaced since the run wrote it");
		assertThat(json(service.get("/api/runs/" + fresh + "/report")).at("/output/replaced").asBoolean()).isTrue();
	}

	/**
	 * A POST that waits, for up to five seconds, while the job is still busy ending its
	 * last run (409).
	 */
	private static HttpResponse<String> postUntilFree(String path) {
		HttpResponse<String> response = service.post(path);
		for (int tries = 0; response.statusCode() == 409 && tries < 100; tries++) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			response = service.post(path);
		}
		return response;
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "GET, /api/runs/abc, 400, id", "GET, /api/runs/987654, 404, no run 987654",
			"GET, /api/runs/987654/report, 404, no run", "GET, /api/runs/987654/output, 404, no run",
			"GET, /api/runs/987654/rejects, 404, no run", "POST, /api/runs/987654/stop, 404, no run",
			"POST, /api/runs/987654/resume, 404, no run", "POST, /api/jobs/nope/runs, 404, no job 'nope'",
			"GET, /api/jobs/nope, 404, no job", "POST, /api/jobs/broken.yaml/runs, 422, cannot run",
			"GET, /api/runs?limit=0, 400, limit", "GET, /api/nowhere, 404, ''" })
	void answersBadRequestsWithProblemDetails(String method, String path, int status, String detail) {
		HttpResponse<String> response = method.equals("GET") ? service.get(path) : service.post(path);

		assertProblem(response, status, detail);
	}

	@Test
	void servesTheOpenApiDescriptionHealthInfoAndMetricsButNoDatabaseConsole() {
		HttpResponse<String> openApi = service.get("/openapi.yaml");
		assertThat(openApi.statusCode()).isEqualTo(200);
		assertThat(openApi.body()).contains("openapi: 3.1.0").contains("/api/runs/{id}/resume");
		JsonNode health = json(service.get("/actuator/health"));
		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").get("db").get("status").asString()).isEqualTo("UP");
		assertThat(json(service.get("/actuator/info")).get("app").get("name").asString()).isEqualTo("glm-batch");
		assertThat(health.get("components").get("glm").get("status").asString()).isEqualTo("UP");
		assertThat(service.get("/actuator/prometheus").body()).contains("glmbatch_runs_active")
			.contains("glmbatch_glm_in_flight{model=\"glm-4.5-air\"}")
			.contains("glmbatch_glm_rate_limited_total{model=\"glm-4.5-air\"}");
		assertThat(service.get("/h2-console").statusCode()).isEqualTo(404);
		assertThat(service.get("/actuator/env").statusCode()).isEqualTo(404);
	}

	@Test
	void reloadsJobFilesOnRequest() throws IOException {
		TranslationJobFixture added = aTranslationJob(dir).named("added-later").withRows(2);
		added.write();

		HttpResponse<String> reloaded = service.post("/api/jobs/reload");

		assertThat(reloaded.statusCode()).isEqualTo(200);
		assertThat(json(reloaded).findValuesAsString("name")).contains("added-later");
	}

	/**
	 * Starts a run of {@code job} (202, or 200 where the service answers with a run it
	 * has already) and waits until it has completed.
	 * @return the id of the run
	 */
	private static long runToCompletion(String job) {
		HttpResponse<String> started = service.post("/api/jobs/" + job + "/runs");
		assertThat(started.statusCode()).as(started.body()).isIn(200, 202);
		long runId = json(started).get("runId").asLong();
		service.awaitStatus(runId, "COMPLETED");
		return runId;
	}

	private static void assertProblem(HttpResponse<String> response, int status, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = json(response);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.has("title")).isTrue();
		if (!detail.isEmpty()) {
			assertThat(problem.get("detail").asString()).containsIgnoringCase(detail);
		}
	}

	private static JsonNode find(JsonNode jobs, String name) {
		for (JsonNode job : jobs) {
			if (job.get("name").asString().equals(name)) {
				return job;
			}
		}
		throw new AssertionError("no job " + name + " in " + jobs);
	}

}
