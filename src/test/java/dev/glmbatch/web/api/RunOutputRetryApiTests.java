package dev.glmbatch.web.api;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;

import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.AbstractServiceTests;
import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.WorkbookRows;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.glmbatch.testsupport.ServiceFixture.json;
import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/runs/{id}/output?format=} and {@code POST /api/runs/{id}/retry} over
 * real HTTP against the simulator: a run's results as a workbook without a call, a retry
 * that pays only for the rows the run rejected, and a retry refused for a run that
 * rejected none.
 */
class RunOutputRetryApiTests extends AbstractServiceTests {

	private static final int ROWS = 8;

	@Test
	void servesTheResultsAsAWorkbookAndRetriesOnlyTheRejectedRows() throws IOException {
		aTranslationJob(dir).named("refused").withRows(ROWS).withLanguages("fr").write();
		service.serve(dir);
		simulator.addRule(
				SimulatorRule.when(Match.containing("Product 5\n"), Response.normal().withFinishReason("sensitive")));
		long runId = service.startRun("refused");
		service.awaitStatus(runId, "COMPLETED");
		assertThat(service.run(runId).get("totals").get("rejected").asLong()).isEqualTo(1);
		long paid = simulator.stats().requests();

		HttpResponse<byte[]> workbook = service.api().getBytes("/api/runs/" + runId + "/output?format=xlsx");

		assertThat(workbook.statusCode()).isEqualTo(200);
		List<List<String>> rows = WorkbookRows.of(workbook.body());
		assertThat(rows).hasSize(ROWS + 1);
		assertThat(rows.subList(1, rows.size())).extracting(row -> row.get(0)).isEqualTo(CsvFiles.numbered("P", ROWS));
		int status = rows.get(0).indexOf("status");
		assertThat(rows.get(5).get(status)).isEqualTo("rejected");
		assertThat(rows.get(4).get(status)).isEqualTo("done");
		assertThat(simulator.stats().requests()).as("calls paid for the workbook").isEqualTo(paid);

		simulator.simulator().clearRules();
		HttpResponse<String> retried = service.post("/api/runs/" + runId + "/retry");

		assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
		long retryId = json(retried).get("runId").asLong();
		assertThat(retryId).isNotEqualTo(runId);
		service.awaitStatus(retryId, "COMPLETED");
		JsonNode retry = service.run(retryId);
		assertThat(retry.get("totals").get("rejected").asLong()).isZero();
		assertThat(simulator.stats().requests() - paid).as("calls paid by the retry: the one rejected row")
			.isEqualTo(1);
		assertThat(CsvFiles.column(dir.resolve("output/refused.csv"), "status")).hasSize(ROWS).containsOnly("done");

		HttpResponse<String> nothingToRetry = service.post("/api/runs/" + retryId + "/retry");

		assertThat(nothingToRetry.statusCode()).as(nothingToRetry.body()).isEqualTo(409);
		assertThat(nothingToRetry.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json(nothingToRetry).get("status").asInt()).isEqualTo(409);
		assertThat(json(nothingToRetry).get("detail").asString()).isNotBlank();
	}

}
