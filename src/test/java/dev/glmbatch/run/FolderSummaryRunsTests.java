package dev.glmbatch.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.simulator.SimulatorRule;
import dev.glmbatch.simulator.SimulatorRule.Match;
import dev.glmbatch.simulator.SimulatorRule.Response;
import dev.glmbatch.testsupport.AbstractApplicationTests;
import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.TestDocuments;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Summarises a folder of documents end to end, over real HTTP to the simulator: one row
 * per file in path order, the Markdown file per document, a restart after a stop, and the
 * demo job as committed.
 */
class FolderSummaryRunsTests extends AbstractApplicationTests {

	@Test
	void summarisesEachSelectedFileOfTheFolderInPathOrderAndWritesAMarkdownFilePerDocument() throws IOException {
		Path folder = dir.resolve("input/contracts");
		TestDocuments.pdf(folder.resolve("b-lease.pdf"),
				"The lease runs for five years from 1 April 2026. " + "The rent is EUR 6,300 per month.");
		TestDocuments.html(folder.resolve("a-policy.html"), "Travel policy",
				"<p>Trains are the rule for journeys under 600 km.</p><p>Hotels may cost up to EUR 150 a night.</p>");
		TestDocuments.pptx(folder.resolve("sub/c-kickoff.pptx"),
				List.of("Project kickoff on 3 March.", "The budget is EUR 40,000."));
		Files.writeString(folder.resolve("notes.csv"), "not,selected\n");
		Files.writeString(folder.resolve(".hidden.pdf"), "not a row");
		Path job = job("contracts", """
				input: {folder: ../input/contracts, pattern: ["**/*.pdf", "**/*.html", "**/*.pptx"]}
				task: {type: summarise, words: 30}
				model: glm-4.5-air
				output:
				  path: ../output/{job}.csv
				  documents: ../output/summaries/{name}.md
				""");

		RunOutcome outcome = run(job);

		assertThat(outcome.status()).as(String.valueOf(outcome.failure())).isEqualTo(RunStatus.COMPLETED);
		List<Map<String, String>> rows = CsvFiles.rows(dir.resolve("output/contracts.csv"));
		assertThat(rows).extracting(row -> row.get("path"))
			.containsExactly("a-policy.html", "b-lease.pdf", "sub/c-kickoff.pptx");
		assertThat(rows).extracting(row -> row.get("status")).containsOnly("done");
		assertThat(rows.get(1)).containsEntry("name", "b-lease.pdf")
			.containsEntry("bytes", Long.toString(Files.size(folder.resolve("b-lease.pdf"))))
			.containsEntry("sections", "1");
		assertThat(rows.get(1).get("sha256")).hasSize(64);
		assertThat(rows.get(1).get("modified")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
		// the simulator answers with the text's first sentences: the main text, never the
		// navigation or the script
		assertThat(rows.get(0).get("summary")).startsWith("Trains are the rule for journeys under 600 km.")
			.doesNotContain("Menu entry")
			.doesNotContain("script text");
		assertThat(rows.get(1).get("summary")).contains("The lease runs for five years from 1 April 2026.");
		assertThat(rows.get(2).get("summary")).contains("Project kickoff on 3 March.");
		String markdown = Files.readString(dir.resolve("output/summaries/b-lease.md"));
		assertThat(markdown).startsWith("# b-lease.pdf\n\n")
			.contains(rows.get(1).get("summary"))
			.contains("Source: `b-lease.pdf`");
		assertThat(dir.resolve("output/summaries/c-kickoff.md")).exists();
		try (Stream<Path> files = Files.list(dir.resolve("output/summaries"))) {
			assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder("a-policy.md",
					"b-lease.md", "c-kickoff.md");
		}
	}

	@Test
	void rejectsEachUnreadableDocumentWithItsReasonAndSummarisesTheRest() throws IOException {
		Path folder = dir.resolve("input/mixed");
		TestDocuments.pdf(folder.resolve("good.pdf"), "The good document has a text layer.");
		Files.writeString(folder.resolve("broken.pdf"), "%PDF-1.7\nthis is not a PDF body");
		Files.writeString(folder.resolve("empty.html"), "<html><body><nav>Only navigation</nav><script>x()</script>");
		Path job = job("mixed", """
				input: {folder: ../input/mixed}
				task: {type: summarise, words: 30}
				output:
				  path: ../output/{job}.csv
				""");

		RunOutcome outcome = run(job);

		assertThat(outcome.status()).as(String.valueOf(outcome.failure())).isEqualTo(RunStatus.COMPLETED);
		List<Map<String, String>> rows = CsvFiles.rows(dir.resolve("output/mixed.csv"));
		assertThat(rows).extracting(row -> row.get("path")).containsExactly("broken.pdf", "empty.html", "good.pdf");
		assertThat(rows).extracting(row -> row.get("status")).containsExactly("rejected", "rejected", "done");
		assertThat(rows.get(0).get("reject_reason")).startsWith("'broken.pdf' is damaged or not a PDF");
		assertThat(rows.get(1).get("reject_reason")).startsWith("'empty.html' has no readable text");
		assertThat(outcome.totals().calls()).isEqualTo(1);
	}

	/**
	 * A changed file is a changed input, as a changed CSV file is: the stopped run is not
	 * resumed over it, and a new run summarises the file as it is now.
	 */
	@Test
	void aStoppedRunIsNotResumedOverAChangedFileAndResumesOverTheOriginalOnePayingNothingTwice() throws IOException {
		Path folder = dir.resolve("input/many");
		for (int i = 1; i <= 12; i++) {
			TestDocuments.pdf(folder.resolve("doc-%02d.pdf".formatted(i)), "Document number " + i + " is short.");
		}
		Path job = job("many", """
				input: {folder: ../input/many, pattern: "*.pdf"}
				task: {type: summarise, words: 30}
				chunk-size: 2
				concurrency: 1
				output:
				  path: ../output/{job}.csv
				""");
		simulator
			.addRule(SimulatorRule.when(Match.containing("Document number 7 is short."), Response.error(429, "1308"))
				.withTimes(1));
		RunOperator operator = operator();

		RunOutcome stopped = operator.start(JobDefinitionLoader.load(job), RunOptions.RESUME_OR_START).await();

		assertThat(stopped.status()).isEqualTo(RunStatus.STOPPED);
		assertThat(stopped.totals().rows()).isBetween(1L, 11L);
		Path changed = folder.resolve("doc-03.pdf");
		byte[] original = Files.readAllBytes(changed);
		TestDocuments.pdf(changed, "Document number 3 was rewritten after the stop.");

		assertThatThrownBy(() -> operator.start(JobDefinitionLoader.load(job), RunOptions.RESUME_OR_START).await())
			.isInstanceOf(RunRefusedException.class)
			.hasMessageContaining(folder.toString())
			.hasMessageContaining("has changed since it started");

		Files.write(changed, original);
		RunOutcome resumed = operator.start(JobDefinitionLoader.load(job), RunOptions.RESUME_OR_START).await();

		assertThat(resumed.status()).as(String.valueOf(resumed.failure())).isEqualTo(RunStatus.COMPLETED);
		assertThat(resumed.runId()).isEqualTo(stopped.runId());
		assertThat(resumed.rowsThisExecution()).isEqualTo(12 - stopped.totals().rows());
		assertThat(simulator.stats().repaidCalls()).isZero();
		List<Map<String, String>> rows = CsvFiles.rows(dir.resolve("output/many.csv"));
		assertThat(rows).extracting(row -> row.get("path")).hasSize(12).doesNotHaveDuplicates();
		assertThat(rows.get(2).get("summary")).isEqualTo("Document number 3 is short.");

		TestDocuments.pdf(changed, "Document number 3 was rewritten after the run.");
		RunOutcome fresh = operator.start(JobDefinitionLoader.load(job), RunOptions.RESUME_OR_START).await();

		assertThat(fresh.status()).as(String.valueOf(fresh.failure())).isEqualTo(RunStatus.COMPLETED);
		assertThat(fresh.runId()).isNotEqualTo(stopped.runId());
		assertThat(CsvFiles.rows(dir.resolve("output/many.csv")).get(2).get("summary"))
			.isEqualTo("Document number 3 was rewritten after the run.");
	}

	@Test
	void theDemoJobSummarisesItsPdfsAndPagesOffline() throws IOException {
		Path jobs = Files.createDirectories(dir.resolve("jobs"));
		Path job = Files.copy(Path.of("jobs/demo-summarise-folder.yaml"), jobs.resolve("demo-summarise-folder.yaml"));
		Path folder = Files.createDirectories(dir.resolve("input/demo-folder"));
		try (Stream<Path> fixtures = Files.list(Path.of("input/demo-folder"))) {
			for (Path fixture : fixtures.toList()) {
				Files.copy(fixture, folder.resolve(fixture.getFileName()));
			}
		}

		RunOutcome outcome = run(job);

		assertThat(outcome.status()).as(String.valueOf(outcome.failure())).isEqualTo(RunStatus.COMPLETED);
		List<Map<String, String>> rows = CsvFiles.rows(dir.resolve("output/demo-summarise-folder.csv"));
		assertThat(rows).extracting(row -> row.get("path"))
			.containsExactly("office-lease.pdf", "press-release.html", "service-agreement.pdf", "travel-policy.html");
		assertThat(rows).extracting(row -> row.get("status")).containsOnly("done");
		assertThat(rows.get(0).get("summary")).contains("Harbour Properties leases the third floor of Kai 7");
		assertThat(rows.get(1).get("summary")).contains("Contoso GmbH opens its second German office in Bremen")
			.doesNotContain("Careers")
			.doesNotContain("Copyright");
		assertThat(rows).allSatisfy(row -> assertThat(row.get("summary").split(" ")).hasSizeLessThanOrEqualTo(40));
		assertThat(dir.resolve("output/demo-summarise-folder/service-agreement.md")).exists();
	}

	private Path job(String name, String body) throws IOException {
		Path job = Files.createDirectories(dir.resolve("jobs")).resolve(name + ".yaml");
		Files.writeString(job, "name: " + name + "\n" + body, StandardCharsets.UTF_8);
		return job;
	}

}
