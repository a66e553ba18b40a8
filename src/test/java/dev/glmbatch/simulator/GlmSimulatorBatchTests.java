package dev.glmbatch.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files and batches routes over real HTTP, with a client written here that knows
 * nothing of the application's batch client.
 */
class GlmSimulatorBatchTests {

	private static final String BASE = "/api/paas/v4";

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void answersEveryLineOnceInShuffledOrderWithTheDocumentedQuirks() throws Exception {
		String fileId = upload(lines(120, "glm-4.5-air"));

		JsonNode created = json(send("POST", BASE + "/batches", createBody(fileId)));
		assertThat(created.path("status").asString()).isEqualTo("validating");
		assertThat(created.path("output_file_id").asString()).isEmpty();
		JsonNode done = await(created.path("id").asString(), "completed");

		assertThat(done.path("created_at").asLong()).as("milliseconds").isGreaterThan(1_000_000_000_000L);
		assertThat(done.path("error_file_id").asString()).isEmpty();
		String output = text(send("GET", BASE + "/files/" + done.path("output_file_id").asString() + "/content", null));
		assertThat(output).startsWith(" {").contains("\n\n");
		List<String> ids = new ArrayList<>();
		for (String line : output.split("\n")) {
			if (!line.isBlank()) {
				JsonNode result = RawHttp.json(line.strip());
				assertThat(result.path("response").path("status_code").asInt()).isEqualTo(200);
				assertThat(result.path("response")
					.path("body")
					.path("choices")
					.get(0)
					.path("message")
					.path("content")
					.asString()).isNotEmpty();
				ids.add(result.path("custom_id").asString());
			}
		}
		assertThat(ids).hasSize(120).doesNotHaveDuplicates();
		assertThat(ids).isNotEqualTo(new ArrayList<>(new TreeSet<>(ids)));
		BatchStats stats = simulator.simulator().batchStats();
		assertThat(stats.linesSubmitted()).isEqualTo(120);
		assertThat(stats.resubmittedLines()).isZero();
	}

	@Test
	void countsComeNestedAndFlatOnAlternateBatches() throws Exception {
		JsonNode first = json(send("POST", BASE + "/batches", createBody(upload(lines(3, "glm-4.5")))));
		JsonNode second = json(send("POST", BASE + "/batches", createBody(upload(lines(3, "glm-4.5")))));

		JsonNode firstDone = await(first.path("id").asString(), "completed");
		JsonNode secondDone = await(second.path("id").asString(), "completed");

		assertThat(List.of(firstDone.has("request_counts"), secondDone.has("request_counts"))).containsOnly(true, false)
			.doesNotHaveDuplicates();
		JsonNode flat = firstDone.has("request_counts") ? secondDone : firstDone;
		assertThat(flat.path("completed").asInt()).isEqualTo(3);
	}

	@Test
	void linesRefusedByARuleGoToTheErrorFile() throws Exception {
		simulator.addRule(SimulatorRule.when(Match.containing("item 2 "), Response.error("1301")));
		String fileId = upload(lines(5, "glm-4.5"));

		JsonNode done = await(json(send("POST", BASE + "/batches", createBody(fileId))).path("id").asString(),
				"completed");

		assertThat(done.path("request_counts").path("failed").asInt() + done.path("failed").asInt()).isEqualTo(1);
		String errors = text(send("GET", BASE + "/files/" + done.path("error_file_id").asString() + "/content", null));
		JsonNode line = RawHttp.json(errors.strip());
		assertThat(line.path("custom_id").asString()).isEqualTo("row-2");
		assertThat(line.path("response").path("status_code").asInt()).isEqualTo(400);
		assertThat(line.path("response").path("body").path("error").path("code").asString()).isEqualTo("1301");
	}

	@Test
	void invalidLinesFailValidationWithTheirLineNumbers() throws Exception {
		String content = lines(2, "glm-4.5") + "not json\n" + lines(1, "glm-4.5-air").replace("row-0", "row-9");
		String fileId = upload(content);

		JsonNode failed = await(json(send("POST", BASE + "/batches", createBody(fileId))).path("id").asString(),
				"failed");

		List<Integer> lines = new ArrayList<>();
		failed.path("errors").path("data").forEach((error) -> lines.add(error.path("line").asInt()));
		assertThat(lines).containsExactly(3, 4);
		assertThat(simulator.simulator().batchStats().linesSubmitted()).isZero();
	}

	@Test
	void scriptedFatesInvalidExpiredSlow() throws Exception {
		simulator.simulator().addBatchRule(BatchRule.next(1, BatchRule.Outcome.INVALID));
		simulator.simulator().addBatchRule(BatchRule.next(1, BatchRule.Outcome.EXPIRE));
		simulator.simulator().addBatchRule(BatchRule.slow(Duration.ofSeconds(2)).withTimes(1));

		JsonNode invalid = await(create(10), "failed");
		JsonNode expired = await(create(10), "expired");
		String slowId = create(100);
		JsonNode slow = json(send("GET", BASE + "/batches/" + slowId, null));
		while (slow.path("status").asString().equals("validating")) {
			Thread.sleep(20);
			slow = json(send("GET", BASE + "/batches/" + slowId, null));
		}

		assertThat(invalid.path("errors").path("data").get(0).path("line").asInt()).isEqualTo(1);
		String answered = text(
				send("GET", BASE + "/files/" + expired.path("output_file_id").asString() + "/content", null));
		assertThat(answered.lines().filter((line) -> !line.isBlank()).count()).isEqualTo(5);
		assertThat(slow.path("status").asString()).isEqualTo("in_progress");
		assertThat(slow.path("request_counts").path("completed").asInt() + slow.path("completed").asInt())
			.isLessThan(100);
		assertThat(await(slowId, "completed").path("status").asString()).isEqualTo("completed");
	}

	@Test
	void unavailableBatchApiAnswers404AndDeletedFilesAreGone() throws Exception {
		String fileId = upload(lines(1, "glm-4.5"));
		assertThat(send("DELETE", BASE + "/files/" + fileId, null).statusCode()).isEqualTo(200);
		assertThat(send("GET", BASE + "/files/" + fileId + "/content", null).statusCode()).isEqualTo(404);
		assertThat(simulator.simulator().batchStats().filesStored()).as(simulator.simulator().batchStats().toString())
			.isZero();

		simulator.simulator().addBatchRule(BatchRule.always(BatchRule.Outcome.UNAVAILABLE));

		assertThat(send("POST", BASE + "/batches", createBody(fileId)).statusCode()).isEqualTo(404);
	}

	private String create(int lines) throws Exception {
		return json(send("POST", BASE + "/batches", createBody(upload(lines(lines, "glm-4.5"))))).path("id").asString();
	}

	private JsonNode await(String batchId, String status) throws Exception {
		for (int i = 0; i < 200; i++) {
			JsonNode batch = json(send("GET", BASE + "/batches/" + batchId, null));
			if (Set.of("completed", "failed", "expired", "cancelled").contains(batch.path("status").asString())) {
				assertThat(batch.path("status").asString()).isEqualTo(status);
				return batch;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("batch " + batchId + " did not end");
	}

	private static String lines(int count, String model) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < count; i++) {
			text.append("{\"custom_id\":\"row-")
				.append(i)
				.append("\",\"method\":\"POST\",\"url\":\"/v4/chat/completions\",")
				.append("\"body\":{\"model\":\"")
				.append(model)
				.append("\",\"messages\":[{\"role\":\"user\",\"content\":\"item ")
				.append(i)
				.append(" please\"}],\"thinking\":{\"type\":\"disabled\"}}}\n");
		}
		return text.toString();
	}

	private static String createBody(String fileId) {
		return "{\"input_file_id\":\"" + fileId
				+ "\",\"endpoint\":\"/v4/chat/completions\",\"auto_delete_input_file\":true}";
	}

	private String upload(String content) throws Exception {
		String boundary = "----test-boundary";
		String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"in.jsonl\"\r\n"
				+ "Content-Type: application/jsonl\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
		HttpResponse<String> response = http
			.send(request(BASE + "/files").header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response).path("id").asString();
	}

	private HttpResponse<String> send(String method, String path, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(simulator.simulator().baseUrl() + path))
			.header("Authorization", RawHttp.BEARER)
			.timeout(Duration.ofSeconds(30));
	}

	private static JsonNode json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return RawHttp.json(response);
	}

	private static String text(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

}
