package dev.glmbatch.run;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.TokenUsage;
import dev.glmbatch.llm.ToolCall;
import dev.glmbatch.pipeline.CallLedger;
import dev.glmbatch.pipeline.JobAssembler;
import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.simulator.SimulatorRule.ToolCallStyle;
import dev.glmbatch.testsupport.AbstractApplicationTests;
import dev.glmbatch.testsupport.CsvFiles;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.glmbatch.testsupport.RunOutcomeAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Extract jobs end to end against the simulator: the demo job, the JSONL output with
 * typed fields and the raw object, and each way an answer is taken or refused (a call
 * with string or object arguments, JSON in the content, a repair, a reject with its
 * reason). Every request offers the function with {@code tool_choice: "auto"}; the
 * simulator refuses any other choice with HTTP 400, so a run without a 1214 shows that
 * none was sent.
 */
class ExtractRunsTests extends AbstractApplicationTests {

	private static final String TASK = """
			task:
			  type: extract
			  columns: [text]
			  schema:
			    type: object
			    properties:
			      vendor: {type: string}
			      quantity: {type: integer}
			      total: {type: number}
			      currency: {type: string}
			    required: [vendor, total, currency]
			""";

	private static final List<String> ROWS = List.of(
			"I1,\"Invoice INV-1 from Acme Tools Ltd: 3 x drills at £89.00, total £267.00.\"",
			"I2,\"Receipt R-7 from Harbor Coffee: 5 x beans at $18.50 each, total $92.50.\"",
			"I3,\"Invoice FR-3 from Atelier Lumière: 2 x lamps at 79.90 € each, total 159.80 €.\"");

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void theDemoJobExtractsEveryInvoiceLine() throws IOException {
		Files.createDirectories(dir.resolve("jobs"));
		Files.createDirectories(dir.resolve("input"));
		Files.copy(Path.of("jobs/demo-extract.yaml"), dir.resolve("jobs/demo-extract.yaml"));
		Files.copy(Path.of("input/demo-invoices.csv"), dir.resolve("input/demo-invoices.csv"));

		RunOutcome outcome = run(dir.resolve("jobs/demo-extract.yaml"));

		assertThat(outcome).isCompleted().hasNoRejects();
		assertThat(outcome.totals().repairs()).isZero();
		List<Map<String, String>> output = CsvFiles.rows(dir.resolve("output/demo-extract.csv"));
		assertThat(output).hasSize(24);
		assertThat(output.get(0).keySet()).containsExactly("line", "description", "vendor", "invoice_number",
				"invoice_date", "quantity", "unit_price", "total", "currency", "status", "reject_reason");
		assertThat(output.get(0)).containsEntry("vendor", "Nordlicht Bürobedarf GmbH")
			.containsEntry("invoice_number", "INV-2041")
			.containsEntry("invoice_date", "2026-03-02")
			.containsEntry("quantity", "12")
			.containsEntry("unit_price", "24.90")
			.containsEntry("total", "298.80")
			.containsEntry("currency", "EUR");
		assertThat(output).allSatisfy(row -> {
			assertThat(row.get("vendor")).isNotBlank().doesNotStartWith("Simulated");
			assertThat(row.get("invoice_number")).matches("[A-Z]+-[0-9-]+");
			assertThat(row.get("quantity")).matches("[1-9][0-9]*");
			assertThat(new BigDecimal(row.get("total"))).isPositive();
			assertThat(row.get("currency")).matches("[A-Z]{3}");
			assertThat(row.get("invoice_date")).matches("2026-\\d\\d-\\d\\d");
		});
		assertThat(output).extracting(row -> row.get("currency"))
			.contains("EUR", "USD", "GBP", "JPY", "CHF", "DKK", "PLN");
		assertThat(simulator.stats().countOfStatus(200)).isEqualTo(24);
		assertThat(simulator.stats().countOfCode("1214")).isZero();
	}

	@Test
	void jsonlKeepsTheFieldTypesAndTheRawObject() throws IOException {
		Path job = job("typed", ROWS, "jsonl");

		RunOutcome outcome = run(job);

		assertThat(outcome).isCompleted();
		List<JsonNode> lines = Files.readAllLines(dir.resolve("output/typed.jsonl"))
			.stream()
			.map(json::readTree)
			.toList();
		assertThat(lines).hasSize(3);
		JsonNode first = lines.get(0);
		assertThat(first.get("output").propertyNames()).containsExactly("vendor", "quantity", "total", "currency");
		assertThat(first.at("/output/vendor").stringValue()).isEqualTo("Acme Tools Ltd");
		assertThat(first.at("/output/quantity").isIntegralNumber()).isTrue();
		assertThat(first.at("/output/quantity").intValue()).isEqualTo(3);
		assertThat(first.at("/output/total").isNumber()).isTrue();
		assertThat(first.at("/output/total").decimalValue()).isEqualByComparingTo("267.00");
		assertThat(first.at("/output/currency").stringValue()).isEqualTo("GBP");
		assertThat(first.get("raw").isObject()).isTrue();
		assertThat(first.at("/raw/total").decimalValue()).isEqualByComparingTo("267.00");
	}

	@Test
	void acceptsACallWhoseArgumentsComeAsAnObject() throws IOException {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.normal().withToolCall(ToolCallStyle.OBJECT)));

		RunOutcome outcome = run(job("object", ROWS, "csv"));

		assertThat(outcome).isCompleted().hasNoRejects().hasCalls(3);
		assertThat(CsvFiles.column(dir.resolve("output/object.csv"), "currency")).containsExactly("GBP", "USD", "EUR");
	}

	@Test
	void fallsBackToJsonInTheContentWithoutARepair() throws IOException {
		simulator.addRule(SimulatorRule.when(Match.any(), Response.normal().withToolCall(ToolCallStyle.CONTENT)));

		RunOutcome outcome = run(job("content", ROWS, "csv"));

		assertThat(outcome).isCompleted().hasCalls(3);
		assertThat(outcome.totals().repairs()).isZero();
		assertThat(CsvFiles.column(dir.resolve("output/content.csv"), "total")).containsExactly("267.00", "92.50",
				"159.80");
	}

	@Test
	void repairsArgumentsThatBreakTheSchemaOnceAndAcceptsTheNextCall() throws IOException {
		simulator.addRule(SimulatorRule
			.when(Match.containing("Harbor Coffee"), Response.normal().withToolCall(ToolCallStyle.INVALID))
			.withTimes(1));

		RunOutcome outcome = run(job("repair", ROWS, "csv"));

		assertThat(outcome).isCompleted().hasNoRejects().hasCalls(4);
		assertThat(outcome.totals().repairs()).isEqualTo(1);
		assertThat(outcome.totals().failuresByKind()).containsOnly(Map.entry("schema", 1L));
		assertThat(CsvFiles.rows(dir.resolve("output/repair.csv")).get(1)).containsEntry("vendor", "Harbor Coffee")
			.containsEntry("total", "92.50");
	}

	@Test
	void rejectsTheRowWithTheReasonWhenTheRepairFailsToo() throws IOException {
		simulator.addRule(SimulatorRule.when(Match.containing("Harbor Coffee"),
				Response.normal().withToolCall(ToolCallStyle.INVALID)));

		RunOutcome outcome = run(job("reject", ROWS, "csv"));

		assertThat(outcome).isCompleted().hasDone(2);
		// the first call and one repair; thinking disabled, so no escalation
		assertThat(outcome.totals().calls()).isEqualTo(4);
		List<Map<String, String>> rejects = CsvFiles.rows(dir.resolve("output/reject-rejects.csv"));
		assertThat(rejects).singleElement().satisfies(reject -> {
			assertThat(reject.get("id")).isEqualTo("I2");
			assertThat(reject.get("reason")).contains("the arguments of record_fields do not match the schema")
				.contains("required property 'vendor' not found")
				.contains("raw answer: record_fields({");
		});
		// every input row is in the output, the rejected one with its status and empty
		// results
		assertThat(CsvFiles.column(dir.resolve("output/reject.csv"), "status")).containsExactly("done", "rejected",
				"done");
		assertThat(CsvFiles.column(dir.resolve("output/reject.csv"), "vendor").get(1)).isEmpty();
	}

	@Test
	void rejectsARowWhoseAnswerHoldsNeitherACallNorJson() throws IOException {
		simulator.addRule(SimulatorRule.when(Match.containing("Atelier"), Response.content("I cannot help.")));

		RunOutcome outcome = run(job("prose", ROWS, "csv"));

		assertThat(outcome.totals().rejected()).isEqualTo(1);
		assertThat(CsvFiles.rows(dir.resolve("output/prose-rejects.csv")).get(0).get("reason"))
			.contains("not one valid JSON object")
			.contains("raw answer: I cannot help.");
	}

	@Test
	void theCallLedgerKeepsAnAnswersFunctionCalls() {
		runs();
		CallLedger ledger = application.bean(JobAssembler.class).ledger();
		ChatAnswer answer = new ChatAnswer("", null, FinishReason.TOOL_CALLS, new TokenUsage(10, 5, 0), BigDecimal.ONE,
				"glm-4.5-air", "resp-1", 1, List.of(new ToolCall("call_1", "record_fields", "{\"total\": 12.5}")));

		ledger.record(424_242L, "f".repeat(64), answer);
		ledger.record(424_242L, "e".repeat(64), new ChatAnswer("text", null, FinishReason.STOP, TokenUsage.ZERO,
				BigDecimal.ZERO, "glm-4.5-air", "resp-2", 1));

		ChatAnswer found = ledger.find(424_242L, "f".repeat(64)).orElseThrow();
		assertThat(found.toolCalls()).isEqualTo(answer.toolCalls());
		assertThat(found.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
		assertThat(ledger.find(424_242L, "e".repeat(64)).orElseThrow().toolCalls()).isEmpty();
	}

	private Path job(String name, List<String> rows, String format) throws IOException {
		Path job = csvInputOfJob(name, "id,text", rows);
		Files.writeString(job, """
				name: %s
				input:
				  path: ../input/%s.csv
				  id-column: id
				%smodel: glm-4.5-air
				thinking: disabled
				chunk-size: 10
				concurrency: 2
				output:
				  path: ../output/{job}.%s
				  rejects: ../output/{job}-rejects.csv
				""".formatted(name, name, TASK, format), StandardCharsets.UTF_8);
		return job;
	}

}
