package dev.glmbatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.glmbatch.simulator.GlmSimulator;
import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.TestDocuments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a unit test: a measurement, skipped unless {@code -Dglmbatch.bench=true}. Generates
 * a 300-page PDF (about 3,000 characters a page) and a folder of 1,000 small documents
 * (half one-page PDFs, half HTML pages), starts the GLM simulator at zero latency in this
 * JVM, and runs the packaged jar over each folder in its own JVM with {@code -Xmx256m}
 * (see {@link JobJvm} for what is measured). The long PDF goes through the section split
 * and combine of the summarise task. It checks that both runs complete with every
 * document summarised. Run with:
 *
 * <pre>
 * ./mvnw -B -o package -DskipTests
 * ./mvnw -B -o surefire:test -Dtest=DocumentFolderBenchmark -Dglmbatch.bench=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "glmbatch.bench", matches = "true")
class DocumentFolderBenchmark {

	private static final Logger log = LoggerFactory.getLogger(DocumentFolderBenchmark.class);

	@TempDir
	Path dir;

	@Test
	void summarisesA300PagePdfAndAThousandSmallDocumentsWithin256Megabytes() throws Exception {
		Path jar = JobJvm.jar();
		Path longFolder = Files.createDirectories(dir.resolve("long"));
		List<List<String>> pages = new ArrayList<>();
		for (int page = 1; page <= 300; page++) {
			List<String> paragraphs = new ArrayList<>();
			for (int paragraph = 1; paragraph <= 6; paragraph++) {
				paragraphs.add(("Clause %d.%d sets out how the parties share the work of page %d. ".formatted(page,
						paragraph, page))
					.repeat(6)
					.strip());
			}
			pages.add(paragraphs);
		}
		TestDocuments.pdf(longFolder.resolve("handbook.pdf"), pages);
		Path manyFolder = Files.createDirectories(dir.resolve("many"));
		for (int i = 1; i <= 1_000; i++) {
			String text = "Memo %d asks the team to file the report for region %d by Friday. It names the owner."
				.formatted(i, i % 17);
			if (i % 2 == 0) {
				TestDocuments.pdf(manyFolder.resolve("memo-%04d.pdf".formatted(i)), text);
			}
			else {
				TestDocuments.html(manyFolder.resolve("memo-%04d.html".formatted(i)), "Memo " + i,
						"<p>" + text + "</p>");
			}
		}
		List<String> figures = new ArrayList<>();
		try (GlmSimulator simulator = JobJvm.simulator()) {
			String baseUrl = simulator.zaiBaseUrl().toString();
			figures.add(run(jar, baseUrl, longFolder, 1,
					"a 300-page PDF (" + Files.size(longFolder.resolve("handbook.pdf")) / 1024 + " KB)"));
			figures.add(run(jar, baseUrl, manyFolder, 1_000, "1,000 small documents (500 PDF, 500 HTML)"));
		}
		figures.forEach(line -> log.info("BENCHMARK {}", line));
	}

	private String run(Path jar, String baseUrl, Path folder, int documents, String what) throws Exception {
		Path work = Files.createDirectories(dir.resolve("bench-" + folder.getFileName()));
		Path output = work.resolve("out.csv");
		Path job = Files.writeString(work.resolve("job.yaml"), """
				name: bench-%s
				input:
				  folder: %s
				  pattern: ["*.pdf", "*.html"]
				task:
				  type: summarise
				  words: 60
				model: glm-4.5-air
				thinking: disabled
				chunk-size: 50
				concurrency: 8
				output:
				  path: %s
				""".formatted(folder.getFileName(), folder, output));
		JobJvm measured = JobJvm.run(jar, job, work, baseUrl);
		List<java.util.Map<String, String>> rows = CsvFiles.rows(output);
		assertThat(rows).hasSize(documents);
		assertThat(rows).extracting(row -> row.get("status")).containsOnly("done");
		return String.format(Locale.ROOT,
				"%s: %.1f s (whole job, JVM start included), %s sections in the largest; "
						+ "peak heap in use %d MB, heap after a collection %d MB (95th percentile), of -Xmx256m",
				what, measured.seconds(),
				rows.stream()
					.map(row -> row.get("sections"))
					.max((a, b) -> Integer.parseInt(a) - Integer.parseInt(b))
					.orElse("0"),
				measured.peakHeapMb(), measured.liveHeapMb());
	}

}
