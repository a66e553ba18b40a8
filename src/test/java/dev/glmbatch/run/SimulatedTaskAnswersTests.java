package dev.glmbatch.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.testsupport.AbstractApplicationTests;
import dev.glmbatch.testsupport.CsvFiles;

import static dev.glmbatch.testsupport.RunOutcomeAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's answers to each task, checked by the tasks' own validators in whole
 * runs over real HTTP: labels from the job's list chosen by the row's words, so that rows
 * pass without repair or escalation; summaries made of the first sentences; generated
 * JSON that the job's schema accepts.
 */
class SimulatedTaskAnswersTests extends AbstractApplicationTests {

	@Test
	void sentimentWithAPlainLabelListPassesWithoutEscalationAndFollowsTheWords() throws IOException {
		String[] positive = { "Great lamp, I love it", "Excellent quality, would recommend", "Works well, thank you" };
		String[] negative = { "Arrived broken, very disappointed", "Terrible support, worst purchase",
				"Useless, a waste of money" };
		String[] plain = { "It came on Tuesday in a box", "The colour is blue", "Bought it for the kitchen" };
		List<String> rows = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			String[] kind = (i % 3 == 0) ? positive : (i % 3 == 1) ? negative : plain;
			rows.add("R" + i + ",\"" + kind[(i / 3) % 3] + " (review " + i + ")\"");
		}
		Path job = job("sentiment", "id,text", rows, """
				task:
				  type: classify
				  columns: [text]
				  labels: [positive, negative, neutral]
				""");

		RunOutcome outcome = application.operator(dir)
			.start(JobDefinitionLoader.load(job), RunOptions.RESUME_OR_START)
			.await();

		assertThat(outcome).isCompleted().hasDone(60);
		assertThat(outcome.totals().itemsEscalated()).isZero();
		assertThat(outcome.totals().calls()).as("one call a row, no repair").isEqualTo(60);
		List<Map<String, String>> output = CsvFiles.rows(dir.resolve("output/sentiment.csv"));
		for (int i = 0; i < 60; i++) {
			assertThat(output.get(i).get("label")).as(output.get(i).get("text"))
				.isEqualTo((i % 3 == 0) ? "positive" : (i % 3 == 1) ? "negative" : "neutral");
		}
	}

	@Test
	void supportCategoriesWithoutDescriptionsAreFoundFromCommonWords() throws IOException {
		Path job = job("tickets", "id,text",
				List.of("T1,I was charged twice for my order", "T2,The app crashes when I open settings",
						"T3,I cannot log in after a password reset",
						"T4,Where is my parcel? The tracking has not moved"),
				"""
						task:
						  type: classify
						  columns: [text]
						  labels: [billing, technical, account, shipping]
						""");

		RunOutcome outcome = application.operator(dir)
			.start(JobDefinitionLoader.load(job), RunOptions.RESUME_OR_START)
			.await();

		assertThat(outcome.totals().done()).isEqualTo(4);
		assertThat(outcome.totals().itemsEscalated()).isZero();
		assertThat(CsvFiles.column(dir.resolve("output/tickets.csv"), "label")).containsExactly("billing", "technical",
				"account", "shipping");
	}

	@Test
	void summariesAreTheFirstSentencesWithinTheLength() throws IOException {
		Path job = job("notes", "id,body", List.of("N1,\"The roof leaks in the east wing. Repairs start Monday. "
				+ "The budget is 12,000 EUR and the work takes two weeks in all.\""), """
						task:
						  type: summarise
						  column: body
						  words: 12
						""");

		RunOutcome outcome = application.operator(dir)
			.start(JobDefinitionLoader.load(job), RunOptions.RESUME_OR_START)
			.await();

		assertThat(outcome.totals().done()).isEqualTo(1);
		assertThat(CsvFiles.column(dir.resolve("output/notes.csv"), "summary"))
			.containsExactly("The roof leaks in the east wing. Repairs start Monday.");
	}

	@Test
	void generatedJsonSatisfiesASchemaWithEnumsFormatsRangesAndLengths() throws IOException {
		Path job = job("teasers", "sku,name", List.of("P1,Desk lamp", "P2,Office chair", "P3,Standing desk"), """
				task:
				  type: generate
				  prompt: "Write a teaser for {{name}}"
				  schema:
				    type: object
				    properties:
				      teaser: {type: string, minLength: 30, maxLength: 80}
				      tone: {enum: [playful, serious]}
				      launch: {type: string, format: date}
				      stars: {type: integer, minimum: 1, maximum: 5}
				      note: {type: [string, "null"]}
				      version: {const: 2}
				    required: [teaser, tone, launch, stars, version]
				""");

		RunOutcome outcome = application.operator(dir)
			.start(JobDefinitionLoader.load(job), RunOptions.RESUME_OR_START)
			.await();

		assertThat(outcome.totals().done()).isEqualTo(3);
		assertThat(outcome.totals().calls()).as("no repair").isEqualTo(3);
		List<Map<String, String>> output = CsvFiles.rows(dir.resolve("output/teasers.csv"));
		assertThat(output.get(0).get("teaser")).contains("Desk lamp").hasSizeBetween(30, 80);
		assertThat(output).extracting(row -> row.get("tone")).allMatch(List.of("playful", "serious")::contains);
		assertThat(output.get(0)).containsEntry("launch", "2026-01-15").containsEntry("version", "2");
	}

	private Path job(String name, String header, List<String> rows, String task) throws IOException {
		Files.createDirectories(dir.resolve("input"));
		Files.createDirectories(dir.resolve("jobs"));
		Files.writeString(dir.resolve("input/" + name + ".csv"), header + "\n" + String.join("\n", rows) + "\n",
				StandardCharsets.UTF_8);
		return Files.writeString(dir.resolve("jobs/" + name + ".yaml"), """
				name: %s
				input:
				  path: ../input/%s.csv
				%sthinking: auto
				concurrency: 4
				output:
				  path: ../output/{job}.csv
				""".formatted(name, name, task), StandardCharsets.UTF_8);
	}

}
