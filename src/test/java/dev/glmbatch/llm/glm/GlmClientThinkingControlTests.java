package dev.glmbatch.llm.glm;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.ModelSettings;
import dev.glmbatch.llm.ReasoningEffort;
import dev.glmbatch.llm.Thinking;
import dev.glmbatch.llm.ThinkingControl;
import dev.glmbatch.testsupport.GlmSimulatorExtension;
import dev.glmbatch.testsupport.LogCapture;

import static dev.glmbatch.testsupport.GlmPropertiesBuilder.glmProperties;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The thinking setting means the same on every model, over real HTTP against the
 * simulator: thinking disabled is the lowest reasoning effort on a model that cannot stop
 * thinking, {@code reasoning_effort} never reaches a model that refuses it, and a stale
 * model table is corrected by the first refusal.
 */
class GlmClientThinkingControlTests {

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	private final List<GlmClient> clients = new ArrayList<>();

	@BeforeEach
	void resetSimulator() {
		simulator.simulator().reset();
	}

	@AfterEach
	void closeClients() {
		clients.forEach(GlmClient::close);
	}

	@Test
	void disabledIsLowEffortOnAModelThatCannotStopThinkingAndReportsItsReasoningTokens() {
		GlmClient client = client(Map.of());

		ChatAnswer off = client.complete(request("glm-5.3", Thinking.DISABLED));
		ChatAnswer on = client.complete(request("glm-5.3", Thinking.ENABLED));
		ChatAnswer max = client.complete(request("glm-5.3", Thinking.ENABLED).withReasoningEffort(ReasoningEffort.MAX));

		assertThat(simulator.stats().countOfStatus(200)).isEqualTo(3);
		assertThat(simulator.stats().byReasoningEffort())
			.containsExactlyInAnyOrderEntriesOf(Map.of("low", 1L, "high", 1L, "max", 1L));
		assertThat(off.usage().reasoningTokens()).isPositive().isLessThan(on.usage().reasoningTokens());
		assertThat(on.usage().reasoningTokens()).isLessThan(max.usage().reasoningTokens());
		assertThat(off.usage().reasoningTokens()).isLessThan(off.usage().completionTokens());
		assertThat(off.priced()).isTrue();
		assertThat(off.costUsd()).isPositive();
	}

	@Test
	void neverSendsReasoningEffortToAModelThatTakesTheToggle() {
		GlmClient client = client(Map.of());

		ChatAnswer answer = client
			.complete(request("glm-4.7", Thinking.DISABLED).withReasoningEffort(ReasoningEffort.HIGH));

		assertThat(simulator.stats().countOfStatus(200)).isEqualTo(1);
		assertThat(simulator.stats().byReasoningEffort()).isEmpty();
		assertThat(simulator.stats().thinkingDisabled()).isEqualTo(1);
		assertThat(answer.usage().reasoningTokens()).isZero();
	}

	@Test
	void aStaleTableLearnsTheRefusedSettingOnceLogsItOnceAndAnswers() throws Exception {
		// the configuration says glm-5.3 takes the toggle, as the table of an older
		// version would
		GlmClient client = client(Map.of("glm-5.3", toggle()));
		int threads = 4;
		CyclicBarrier together = new CyclicBarrier(threads);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try (LogCapture logs = new LogCapture()) {
			List<Future<List<ChatAnswer>>> results = new ArrayList<>();
			for (int thread = 0; thread < threads; thread++) {
				int id = thread;
				results.add(pool.submit(() -> {
					together.await();
					List<ChatAnswer> answers = new ArrayList<>();
					for (int call = 0; call < 5; call++) {
						answers.add(client.complete(request("glm-5.3", Thinking.DISABLED, "row " + id + "-" + call)));
					}
					return answers;
				}));
			}
			for (Future<List<ChatAnswer>> result : results) {
				assertThat(result.get()).hasSize(5).allMatch(answer -> answer.usage().reasoningTokens() > 0);
			}

			assertThat(simulator.stats().countOfStatus(200)).isEqualTo(20);
			assertThat(simulator.stats().countOfCode("1210")).isBetween(1L, (long) threads);
			assertThat(simulator.stats().byReasoningEffort()).containsExactlyEntriesOf(Map.of("low", 20L));
			assertThat(client.learnedThinkingControls())
				.containsExactlyEntriesOf(Map.of("glm-5.3", ThinkingControl.EFFORT));
			assertThat(logs.warnings().stream().filter(line -> line.contains("refused the thinking setting")))
				.singleElement()
				.asString()
				.contains("glm-5.3", "effort", "glm.models[glm-5.3].thinking=effort");
		}
		finally {
			pool.shutdownNow();
		}

		// a later call pays no refusal
		client.complete(request("glm-5.3", Thinking.ENABLED));
		assertThat(simulator.stats().countOfCode("1210")).isBetween(1L, (long) threads);
	}

	@Test
	void aModelThatRefusesReasoningEffortIsSwitchedBackToTheToggle() {
		GlmClient client = client(
				Map.of("glm-4.7", new ModelSettings(null, null, null, null, null, null, null, ThinkingControl.EFFORT)));

		ChatAnswer answer = client.complete(request("glm-4.7", Thinking.DISABLED));

		assertThat(answer.content()).isNotEmpty();
		assertThat(simulator.stats().countOfCode("1210")).isEqualTo(1);
		assertThat(simulator.stats().thinkingDisabled()).isEqualTo(1);
		assertThat(client.learnedThinkingControls()).containsEntry("glm-4.7", ThinkingControl.TOGGLE);
	}

	@Test
	void aRecordedControlIsUsedFromTheFirstCall() {
		GlmClient client = client(Map.of("glm-5.3", toggle()));
		client.assumeThinkingControl("glm-5.3", ThinkingControl.EFFORT);

		client.complete(request("glm-5.3", Thinking.DISABLED));

		assertThat(simulator.stats().countOfCode("1210")).isZero();
		assertThat(simulator.stats().countOfStatus(200)).isEqualTo(1);
	}

	private static ModelSettings toggle() {
		return new ModelSettings(null, null, null, null, null, null, null, ThinkingControl.TOGGLE);
	}

	private static ChatRequest request(String model, Thinking thinking) {
		return request(model, thinking, "Say hello");
	}

	private static ChatRequest request(String model, Thinking thinking, String text) {
		return ChatRequest.of(model, thinking, ChatMessage.user(text));
	}

	private GlmClient client(Map<String, ModelSettings> models) {
		GlmProperties properties = glmProperties("test-key").baseUrl(simulator.zaiBaseUrl())
			.models(models)
			.maxInFlight(16)
			.build();
		GlmClient client = new GlmClient(properties, new RecordingSleeper(), new Random(3), Clock.systemUTC());
		clients.add(client);
		return client;
	}

}
