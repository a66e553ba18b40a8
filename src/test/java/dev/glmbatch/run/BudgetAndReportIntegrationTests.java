package dev.glmbatch.run;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.pipeline.CallLedger;
import dev.glmbatch.pipeline.JobAssembler;
import dev.glmbatch.testsupport.AbstractApplicationTests;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.glmbatch.testsupport.RunOutcomeAssert.assertThat;
import static dev.glmbatch.testsupport.TranslationJobFixture.aTranslationJob;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Budgets, deduplication and the JSON report, on real runs in a Spring context against
 * the simulator: a run that would pass its budget stops restartable, and finishes once
 * the budget is raised, paying nothing twice.
 */
class BudgetAndReportIntegrationTests extends AbstractApplicationTests {

	private static final int ROWS = 40;

	@ParameterizedTest(name = "budget in {0}")
	@ValueSource(strings = { "usd", "tokens" })
	void stopsRestartableBeforePassingTheBudgetAndFinishesOnceItIsRaised(String unit) throws IOException {
		// given: what one call costs, measured on a one-row run of the same job
		RunOutcome probe = operator().start(load(job("probe-" + unit, 1), null), RunOptions.RESUME_OR_START).await();
		BigDecimal usdPerCall = probe.totals().costUsd();
		long tokensPerCall = probe.totals().promptTokens() + probe.totals().completionTokens();
		String tenCalls = unit.equals("usd") ? "{usd: " + usdPerCall.multiply(BigDecimal.TEN).toPlainString() + "}"
				: "{tokens: " + tokensPerCall * 10 + "}";
		TranslationJobFixture job = job("budget-" + unit, ROWS);
		simulator.simulator().reset();

		// when
		RunOutcome stopped = operator().start(load(job, tenCalls), RunOptions.RESUME_OR_START).await();

		// then: stopped, not failed, with a message that says what to do, and within the
		// budget
		assertThat(stopped).isStopped();
		assertThat(stopped.failure()).startsWith("Budget reached").contains("Raise budget." + unit);
		assertThat(stopped.totals().rows()).isBetween(1L, ROWS - 1L);
		assertThat(job.outputFile()).doesNotExist();
		CallLedger.LedgerTotals spent = application.bean(JobAssembler.class).ledger().totals(stopped.runId());
		if (unit.equals("usd")) {
			BigDecimal budget = usdPerCall.multiply(BigDecimal.TEN);
			assertThat(spent.costUsd()).isLessThanOrEqualTo(budget)
				.isGreaterThan(budget.divide(BigDecimal.valueOf(2), RoundingMode.HALF_UP));
		}
		else {
			// calls are priced like the dearest so far: a later row a token longer may
			// pass by that token
			assertThat(spent.tokens()).isLessThanOrEqualTo(tokensPerCall * 10 + 10).isGreaterThan(tokensPerCall * 5);
		}

		// when the budget is raised and the job runs again
		RunOutcome resumed = operator()
			.start(load(job, unit.equals("usd") ? "{usd: 100}" : "{tokens: 100000000}"), RunOptions.RESUME_OR_START)
			.await();

		// then
		assertThat(resumed).isCompleted();
		assertThat(resumed.runId()).isEqualTo(stopped.runId());
		assertThat(resumed.totals().rows()).isEqualTo(ROWS);
		assertThat(simulator.stats().repaidCalls()).isZero();
		assertThat(simulator.stats().countOfStatus(200)).isEqualTo(ROWS);
	}

	@Test
	void sendsIdenticalRequestsOnceAndWritesTheReport() throws IOException {
		TranslationJobFixture job = aTranslationJob(dir).named("dedup")
			.withRows(8)
			.withLanguages("fr")
			.withConcurrency(4)
			.withChunkSize(4);
		for (int copy = 1; copy <= 6; copy++) {
			job.withRawLine("D" + copy + ",Same lamp,Same description");
		}

		RunOutcome outcome = operator().start(load(job, null), RunOptions.RESUME_OR_START).await();

		assertThat(outcome).isCompleted();
		assertThat(simulator.stats().requests()).isEqualTo(9);
		assertThat(outcome.totals().rows()).isEqualTo(14);
		assertThat(outcome.totals().reusedCalls()).isEqualTo(5);
		assertThat(outcome.session().deduplicatedCalls() + outcome.session().ledgerHits()).isEqualTo(5);
		assertThat(outcome.reportFile()).isEqualTo(dir.resolve("output/dedup-" + outcome.runId() + "-report.json"));
		JsonNode report = JsonMapper.builder().build().readTree(outcome.reportFile().toFile());
		assertThat(report.get("status").asString()).isEqualTo("COMPLETED");
		assertThat(report.at("/rows/done").asLong()).isEqualTo(14);
		assertThat(report.at("/calls/reusedAnswers").asLong()).isEqualTo(5);
		assertThat(report.at("/thinking/off").asLong()).isEqualTo(14);
		assertThat(report.at("/tokens/total").asLong()).isPositive();
		assertThat(report.at("/latencyMillisThisExecution/p99").asDouble())
			.isGreaterThanOrEqualTo(report.at("/latencyMillisThisExecution/p50").asDouble());
		assertThat(report.at("/glmThisExecution/inFlightLimitAtEnd").asInt()).isEqualTo(5);
		assertThat(report.has("costUsd")).isTrue();
	}

	private TranslationJobFixture job(String name, int rows) {
		return aTranslationJob(dir).named(name).withRows(rows).withLanguages("fr").withChunkSize(4).withConcurrency(4);
	}

	private JobDefinition load(TranslationJobFixture job, String budget) throws IOException {
		Path file = job.write();
		if (budget != null) {
			Files.writeString(file, "budget: " + budget + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		}
		return JobDefinitionLoader.load(file);
	}

}
