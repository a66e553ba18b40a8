package dev.glmbatch.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.glmbatch.llm.LlmTraffic;
import dev.glmbatch.testsupport.AbstractApplicationTests;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.glmbatch.testsupport.RunOutcomeAssert.assertThat;
import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whole runs on the models of the model table, in a Spring context against the simulator:
 * thinking disabled on a model that cannot stop thinking, a stale table entry learned and
 * kept for the resume, a model without a price, and the in-flight ceiling of a job.
 */
class ModelTableRunsTests extends AbstractApplicationTests {

	@BeforeEach
	void resetSimulator() {
		simulator.simulator().reset();
	}

	@Test
	void thinkingDisabledOnGlm53CompletesAtLowEffortAndReportsTheReasoningItPaidFor() throws IOException {
		TranslationJobFixture job = aTranslationJob(dir).named("glm53-off")
			.withModel("glm-5.3")
			.withRows(12)
			.withLanguages("fr")
			.withConcurrency(4)
			.withChunkSize(4);

		RunOutcome outcome = run(job, "");

		assertThat(outcome).isCompleted().hasNoRejects().hasDone(12);
		assertThat(simulator.stats().countOfCode("1210")).isZero();
		assertThat(simulator.stats().byReasoningEffort()).containsEntry("low", 12L).hasSize(1);
		assertThat(outcome.totals().reasoningTokens()).isPositive()
			.isEqualTo(simulator.stats().reasoningTokens())
			.isLessThan(outcome.totals().completionTokens());
		assertThat(outcome.totals().priced()).isTrue();
		assertThat(outcome.totals().costUsd()).isPositive();
		JsonNode report = JsonMapper.builder().build().readTree(outcome.reportFile().toFile());
		assertThat(report.at("/tokens/reasoning").asLong()).isEqualTo(outcome.totals().reasoningTokens());
		assertThat(report.at("/tokens/thinkingOff/reasoning").asLong()).isEqualTo(outcome.totals().reasoningTokens());
		assertThat(report.at("/costUsd").isNumber()).isTrue();
		RunFigures status = runs().status(outcome.runId()).orElseThrow().figures();
		assertThat(status.reasoningTokens()).isEqualTo(outcome.totals().reasoningTokens());
		assertThat(status.costUsd()).isEqualByComparingTo(outcome.totals().costUsd());
	}

	@Test
	void aStaleTableEntryCostsAtMostOneRefusalPerThreadAndItsResumeNone() throws IOException {
		// given: configuration that says glm-5.3 takes thinking.type, as an older table
		// did
		application.withProperty("glm.models[glm-5.3].thinking", "toggle");
		int concurrency = 4;
		TranslationJobFixture job = aTranslationJob(dir).named("stale")
			.withModel("glm-5.3")
			.withRows(40)
			.withLanguages("fr")
			.withConcurrency(concurrency)
			.withChunkSize(4);

		// when: a first execution stops at a small budget
		RunOutcome stopped = run(job, "budget: {tokens: 3000}\n");

		// then: it learned the setting with at most one refused call per thread and
		// rejected nothing
		assertThat(stopped).isStopped();
		long refusals = simulator.stats().countOfCode("1210");
		assertThat(refusals).isBetween(1L, (long) concurrency);
		assertThat(stopped.totals().rejected()).isZero();
		assertThat(stopped.totals().rows()).isPositive();

		// when: a new process resumes it with a budget that suffices
		application.stop();
		RunOutcome resumed = run(job, "budget: {tokens: 10000000}\n");

		// then: the run's record told the client, so no call was refused again
		assertThat(resumed).isCompleted();
		assertThat(resumed.runId()).isEqualTo(stopped.runId());
		assertThat(resumed.totals().rows()).isEqualTo(40);
		assertThat(resumed.totals().rejected()).isZero();
		assertThat(simulator.stats().countOfCode("1210")).isEqualTo(refusals);
		assertThat(simulator.stats().byReasoningEffort()).containsOnlyKeys("low");
	}

	@Test
	void aUsdBudgetOnAModelWithoutAPriceIsRefusedBeforeAnyCall() throws IOException {
		// a self-hosted model listed without a price
		application.withProperty("glm.models[my-glm].unpriced", "true");
		TranslationJobFixture job = aTranslationJob(dir).named("unpriced").withModel("my-glm").withRows(3);

		assertThatThrownBy(() -> run(job, "budget: {usd: 5}\n")).isInstanceOf(RunRefusedException.class)
			.hasMessageContaining("model my-glm has no price")
			.hasMessageContaining("glm.models[my-glm].input-per-million")
			.hasMessageContaining("budget: {tokens: N}")
			.hasMessageNotContaining("\n");

		assertThat(simulator.stats().requests()).isZero();
		assertThat(runs().list(10)).isEmpty();
	}

	@Test
	void aRunOnAModelWithoutAPriceIsUnpricedNotFree() throws IOException {
		// the simulator serves glm-4.7; the configuration takes its price away, as for a
		// model the table lacks
		application.withProperty("glm.models[glm-4.7].unpriced", "true");
		TranslationJobFixture job = aTranslationJob(dir).named("no-price")
			.withModel("glm-4.7")
			.withRows(3)
			.withLanguages("fr");

		RunOutcome outcome = run(job, "");

		assertThat(outcome).isCompleted();
		assertThat(outcome.totals().priced()).isFalse();
		assertThat(outcome.totals().unpricedCalls()).isEqualTo(3);
		JsonNode report = JsonMapper.builder().build().readTree(outcome.reportFile().toFile());
		assertThat(report.at("/cost").asString()).isEqualTo("unpriced");
		assertThat(report.at("/costUsd").isNull()).isTrue();
		assertThat(report.at("/unpricedCalls").asLong()).isEqualTo(3);
		RunFigures status = runs().status(outcome.runId()).orElseThrow().figures();
		assertThat(status.costUsd()).isNull();
		assertThat(status.thinkingOff().costUsd()).isNull();
		assertThat(status.priced()).isFalse();
	}

	@Test
	void theInFlightCeilingComesFromTheJobBeforeTheConfigurationAndTheTable() throws IOException {
		application.withProperty("glm.max-in-flight.glm-4.7", "3");
		TranslationJobFixture configured = aTranslationJob(dir).named("configured")
			.withModel("glm-4.7")
			.withRows(30)
			.withConcurrency(8)
			.withChunkSize(8);
		TranslationJobFixture ownLimit = aTranslationJob(dir).named("own-limit")
			.withModel("glm-4.6")
			.withRows(30)
			.withConcurrency(8)
			.withChunkSize(8);

		RunOutcome first = run(configured, "");
		int configuredPeak = simulator.stats().maxInFlight();
		LlmTraffic traffic = application.bean(LlmTraffic.class);
		assertThat(traffic.traffic("glm-4.6").limit()).isEqualTo(5);
		simulator.simulator().reset();
		RunOutcome second = run(ownLimit, "max-in-flight: {glm-4.6: 2, glm-4.7: 20}\n");

		assertThat(first).isCompleted();
		assertThat(second).isCompleted();
		// the simulator counts a request until its last byte is written, the client only
		// until it has read it: the
		// next request of a freed slot may overlap the previous one by a moment
		assertThat(configuredPeak).isBetween(1, 3 + 1);
		assertThat(first.session().inFlightLimit()).isEqualTo(3);
		assertThat(simulator.stats().maxInFlight()).isBetween(1, 2 + 1);
		assertThat(second.session().inFlightLimit()).isEqualTo(2);
		assertThat(traffic.traffic("glm-4.7").limit()).isEqualTo(3);
	}

	/**
	 * Writes the job with {@code extra} lines at the end of its file, and runs it to its
	 * end.
	 */
	private RunOutcome run(TranslationJobFixture job, String extra) throws IOException {
		Path file = job.write();
		Files.writeString(file, extra, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		return run(file);
	}

}
