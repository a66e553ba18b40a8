package dev.glmbatch.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.glmbatch.simulator.GlmSimulator;

/**
 * Not a unit test: a measurement, skipped unless {@code -Dglmbatch.bench=true}. Generates
 * a 1,000,000-row CSV and a 200,000-row XLSX (three short text columns), starts the GLM
 * simulator at zero latency in this JVM, and runs the packaged jar
 * ({@code run JOB --base-url <simulator>}) over each in its own JVM with
 * {@code -Xmx256m}, CSV out for the CSV and XLSX out for the workbook. It logs the wall
 * time, rows/s and, from the job JVM's GC log, the peak heap in use (the largest
 * heap-in-use before a collection: G1 lets the heap fill up to the limit before
 * collecting, so this is near 256 MB whatever the job needs) and the 95th percentile of
 * the heap still in use after a collection (about the live set the job really holds). It
 * checks only that both runs complete. Run with:
 *
 * <pre>
 * ./mvnw -B -o package -DskipTests
 * ./mvnw -B -o surefire:test -Dtest=BigInputBenchmark -Dglmbatch.bench=true [-Dglmbatch.bench.csvRows=N -Dglmbatch.bench.xlsxRows=N]
 * </pre>
 */
@EnabledIfSystemProperty(named = "glmbatch.bench", matches = "true")
class BigInputBenchmark {

	private static final Logger log = LoggerFactory.getLogger(BigInputBenchmark.class);

	@TempDir
	Path dir;

	@Test
	void runsBigCsvAndXlsxInputsWithin256Megabytes() throws Exception {
		int csvRows = Integer.getInteger("glmbatch.bench.csvRows", 1_000_000);
		int xlsxRows = Integer.getInteger("glmbatch.bench.xlsxRows", 200_000);
		Path jar = JobJvm.jar();
		Path csv = dir.resolve("big.csv");
		writeCsv(csv, csvRows);
		Path xlsx = dir.resolve("big.xlsx");
		writeXlsx(xlsx, xlsxRows);
		List<String> figures = new ArrayList<>();
		try (GlmSimulator simulator = JobJvm.simulator()) {
			String baseUrl = simulator.zaiBaseUrl().toString();
			figures.add(run(jar, baseUrl, csv, "out.csv", csvRows));
			figures.add(run(jar, baseUrl, xlsx, "out.xlsx", xlsxRows));
		}
		figures.forEach(line -> log.info("BENCHMARK {}", line));
	}

	private String run(Path jar, String baseUrl, Path input, String outputName, int rows) throws Exception {
		String name = "bench-" + input.getFileName().toString().replace('.', '-');
		Path work = Files.createDirectories(dir.resolve(name));
		Path job = work.resolve("job.yaml");
		Files.writeString(job, """
				name: %s
				input:
				  path: %s
				  id-column: id
				task:
				  type: translate
				  columns: [text]
				  to: [fr]
				  from: en
				model: glm-4.5-air
				thinking: disabled
				chunk-size: 500
				concurrency: 32
				output:
				  path: %s
				""".formatted(name, input, work.resolve(outputName)));
		JobJvm measured = JobJvm.run(jar, job, work, baseUrl);
		return String.format(Locale.ROOT, "%s: %,d rows in %.1f s = %,.0f rows/s (whole job, JVM start included); "
				+ "peak heap in use %d MB, heap after a collection %d MB (95th percentile), of -Xmx256m; output %,d bytes",
				input.getFileName(), rows, measured.seconds(), rows / measured.seconds(), measured.peakHeapMb(),
				measured.liveHeapMb(), Files.size(work.resolve(outputName)));
	}

	private static void writeCsv(Path file, int rows) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			out.write("id,text,note\r\n");
			for (int i = 1; i <= rows; i++) {
				out.write("ID-" + i + ",\"Product " + i + ", a sturdy item\",note " + (i % 97) + "\r\n");
			}
		}
	}

	private static void writeXlsx(Path file, int rows) throws IOException {
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(file)) {
			SXSSFSheet sheet = workbook.createSheet("data");
			Row header = sheet.createRow(0);
			header.createCell(0).setCellValue("id");
			header.createCell(1).setCellValue("text");
			header.createCell(2).setCellValue("note");
			for (int i = 1; i <= rows; i++) {
				Row row = sheet.createRow(i);
				row.createCell(0).setCellValue("ID-" + i);
				row.createCell(1).setCellValue("Product " + i + ", a sturdy item");
				row.createCell(2).setCellValue("note " + (i % 97));
			}
			workbook.write(out);
			workbook.dispose();
		}
	}

}
