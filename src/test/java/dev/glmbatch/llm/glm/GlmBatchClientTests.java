package dev.glmbatch.llm.glm;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.glmbatch.llm.BatchException;
import dev.glmbatch.llm.BatchLine;
import dev.glmbatch.llm.BatchResults;
import dev.glmbatch.llm.BatchState;
import dev.glmbatch.llm.BatchUnavailableException;
import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.Thinking;
import dev.glmbatch.simulator.BatchRule;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.glmbatch.testsupport.GlmPropertiesBuilder.glmProperties;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The batch client against the simulator's Batch API, over real HTTP. */
class GlmBatchClientTests {

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	private final List<GlmClient> clients = new ArrayList<>();

	@AfterEach
	void close() {
		clients.forEach(GlmClient::close);
	}

	@Test
	void answersEveryLineJoinedOnCustomIdAtHalfThePriceAndDeletesResults() throws Exception {
		GlmBatchClient batches = batchClient();
		Map<String, ChatRequest> requests = requests(60, "glm-4.5-air");
		List<String> states = new ArrayList<>();

		BatchState submitted = batches.submit(lines(requests), Map.of("run", "1"));
		BatchState done = batches.await(submitted.id(), (state) -> states.add(state.status().wire()));
		BatchResults results = batches.results(done, requests);
		ChatAnswer sync = clients.get(0).complete(requests.get("row-7-call-0"));

		assertThat(done.status()).isEqualTo(BatchState.Status.COMPLETED);
		assertThat(done.total()).isEqualTo(60);
		assertThat(done.createdAt().getEpochSecond()).isBetween(1_700_000_000L, 4_000_000_000L);
		assertThat(states).contains("completed");
		assertThat(results.answers()).hasSize(60);
		assertThat(results.answers().get("row-7-call-0").content()).isEqualTo(sync.content());
		assertThat(results.answers().get("row-7-call-0").costUsd())
			.isEqualByComparingTo(sync.costUsd().multiply(new BigDecimal("0.5")));
		batches.delete(done.outputFileId());
		assertThat(simulator.simulator().batchStats().filesStored()).isZero();
	}

	@Test
	void splitsFilesByModelAndLimit() {
		GlmBatchClient batches = batchClient();
		Map<String, ChatRequest> requests = new LinkedHashMap<>(requests(3, "glm-4.5-air"));
		requests.put("other", request("glm-4.5", "other"));

		List<List<BatchLine>> files = batches.files(lines(requests));

		assertThat(files).extracting(List::size).containsExactly(3, 1);
	}

	@Test
	void expiredLinesAreNeitherAnsweredNorFailed() throws Exception {
		simulator.simulator().addBatchRule(BatchRule.next(1, BatchRule.Outcome.EXPIRE));
		GlmBatchClient batches = batchClient();
		Map<String, ChatRequest> requests = requests(10, "glm-4.5");

		BatchState done = batches.await(batches.submit(lines(requests), Map.of()).id(), (state) -> {
		});

		assertThat(done.status()).isEqualTo(BatchState.Status.EXPIRED);
		BatchResults results = batches.results(done, requests);
		assertThat(results.answers()).hasSize(5);
		assertThat(results.failures()).isEmpty();
	}

	@Test
	void validationErrorsNameTheirLines() throws Exception {
		simulator.simulator().addBatchRule(BatchRule.next(1, BatchRule.Outcome.INVALID));
		GlmBatchClient batches = batchClient();

		BatchState done = batches.await(batches.submit(lines(requests(2, "glm-4.5")), Map.of()).id(), (state) -> {
		});

		assertThat(done.status()).isEqualTo(BatchState.Status.FAILED);
		assertThat(done.errors()).singleElement().asString().startsWith("line 1: ");
	}

	@Test
	void anEndpointWithoutBatchesSaysSo() {
		simulator.simulator().addBatchRule(BatchRule.always(BatchRule.Outcome.UNAVAILABLE));

		assertThatThrownBy(() -> batchClient().submit(lines(requests(1, "glm-4.5")), Map.of()))
			.isInstanceOf(BatchUnavailableException.class)
			.hasMessageContaining("offers no Batch API");
	}

	private GlmBatchClient batchClient() {
		GlmProperties properties = glmProperties("test-key").baseUrl(simulator.zaiBaseUrl()).build();
		GlmClient chat = GlmClient.create(properties);
		clients.add(chat);
		return new GlmBatchClient(chat, properties, new BigDecimal("0.5"), (wait) -> Thread.sleep(50));
	}

	private static Map<String, ChatRequest> requests(int count, String model) {
		Map<String, ChatRequest> requests = new LinkedHashMap<>();
		for (int row = 0; row < count; row++) {
			requests.put(BatchLine.customId(row, 0), request(model, "item " + row));
		}
		return requests;
	}

	private static ChatRequest request(String model, String text) {
		return ChatRequest.of(model, Thinking.DISABLED, ChatMessage.user(text)).withMaxTokens(200);
	}

	private static List<BatchLine> lines(Map<String, ChatRequest> requests) {
		return requests.entrySet().stream().map((e) -> new BatchLine(e.getKey(), e.getValue())).toList();
	}

}
