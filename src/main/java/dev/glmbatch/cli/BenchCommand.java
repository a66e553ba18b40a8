package dev.glmbatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionLoader;
import dev.glmbatch.run.RunOperator;
import dev.glmbatch.run.RunOptions;
import dev.glmbatch.run.RunOutcome;
import dev.glmbatch.run.RunStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "bench", mixinStandardHelpOptions = true, description = {
		"Benchmarks the whole pipeline (CSV -> state database -> CSV) on generated rows.",
		"It prints rows/s, the ideal rows/s of the simulator's limit and mean latency, their ratio, 429s,",
		"CPU seconds per 1,000 rows and peak heap. Run a simulator in another process first, e.g.",
		"  java -jar target/glm-batch.jar simulator --port 8090 --latency-ms 400 --latency-sigma 0.69 --max-in-flight 64",
		"then: java -jar target/glm-batch.jar bench --simulator http://127.0.0.1:8090" }, footer = ExitCode.HELP)
final class BenchCommand implements Callable<Integer> {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Option(names = "--simulator", paramLabel = "URL",
			description = "Root URL of a running simulator (its stats are read and reset). Not needed with --pass-through.")
	private @Nullable URI simulator;

	@Option(names = "--rows", paramLabel = "N", defaultValue = "20000",
			description = "Rows to generate (default 20000).")
	private int rows;

	@Option(names = "--concurrency", paramLabel = "N", defaultValue = "64",
			description = "The job's concurrency (default 64).")
	private int concurrency;

	@Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "64",
			description = "glm.max-in-flight, the limit of the simulator (default 64).")
	private int maxInFlight;

	@Option(names = "--chunk-size", paramLabel = "N", defaultValue = "100",
			description = "Rows per committed chunk (default 100).")
	private int chunkSize;

	@Option(names = "--pass-through",
			description = "Replace the GLM step by a local echo: measures the pipeline's own overhead.")
	private boolean passThrough;

	@Option(names = "--dir", paramLabel = "PATH", description = "Work folder (default: a new temporary folder).")
	private @Nullable Path dir;

	@Override
	public Integer call() throws IOException, InterruptedException {
		PrintStream out = System.out;
		if (simulator == null && !passThrough) {
			throw new CommandException("Give --simulator URL of a running simulator, or --pass-through.");
		}
		Path work = (dir != null) ? dir.toAbsolutePath() : Files.createTempDirectory("glm-batch-bench-");
		JobDefinition definition = JobDefinitionLoader.load(writeJob(work));
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("glm.base-url",
				(simulator != null) ? simulator + "/api/paas/v4" : "http://127.0.0.1:9/api/paas/v4");
		properties.put("glm.api-key", "bench");
		properties.put("glm.max-in-flight", maxInFlight);
		properties.put("spring.datasource.url",
				"jdbc:h2:file:" + work.resolve("state/glm-batch") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
		out.printf("Bench: %,d rows, concurrency %d, glm.max-in-flight %d, chunk %d, %s; work folder %s%n", rows,
				concurrency, maxInFlight, chunkSize,
				passThrough ? "GLM replaced by a pass-through" : "simulator " + simulator, work);
		if (simulator != null && !passThrough) {
			http("POST", "/_simulator/reset");
		}
		try (ConfigurableApplicationContext context = SpringRuntime.start(properties)) {
			List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter(pool -> pool.getType() == MemoryType.HEAP)
				.toList();
			System.gc();
			heap.forEach(MemoryPoolMXBean::resetPeakUsage);
			long cpuBefore = processCpuNanos();
			RunOutcome outcome = context.getBean(RunOperator.class)
				.start(definition, RunCommand.progressOptions(new RunOptions(true)).withPassThrough(passThrough))
				.await();
			long cpu = processCpuNanos() - cpuBefore;
			long peakHeap = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
			print(out, outcome, cpu, peakHeap);
			return (outcome.status() == RunStatus.COMPLETED) ? ExitCode.DONE : ExitCode.JOB_FAILED;
		}
	}

	private void print(PrintStream out, RunOutcome outcome, long cpuNanos, long peakHeap)
			throws IOException, InterruptedException {
		double seconds = outcome.elapsed().toNanos() / 1e9;
		double achieved = outcome.rowsPerSecond();
		out.printf("%nResult: %s, %,d rows in %.1f s%n", outcome.status(), outcome.rowsThisExecution(), seconds);
		out.printf("  achieved:        %.1f rows/s (whole run: start, %d chunk commits, export)%n", achieved,
				(outcome.rowsThisExecution() + chunkSize - 1) / chunkSize);
		if (simulator != null && !passThrough) {
			JsonNode stats = JSON.readTree(http("GET", "/_simulator/stats"));
			double meanMillis = stats.path("meanLatencyMillis").asDouble();
			long requests = stats.path("requests").asLong();
			long rateLimited = stats.path("byCode").path("1302").asLong();
			int limit = Math.min(concurrency, maxInFlight);
			double ideal = (meanMillis > 0) ? limit / (meanMillis / 1000) : 0;
			out.printf(
					"  ideal:           %.1f rows/s (%d in flight / mean latency %.1f ms measured by the simulator)%n",
					ideal, limit, meanMillis);
			out.printf("  ratio:           %.3f%n", (ideal > 0) ? achieved / ideal : 0);
			out.printf("  1302 answers:    %,d of %,d requests (%.2f %%); simulator max in flight %d%n", rateLimited,
					requests, (requests > 0) ? 100.0 * rateLimited / requests : 0, stats.path("maxInFlight").asInt());
		}
		out.printf("  latency:         p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (client side, per paid call)%n",
				outcome.session().latencyP50Millis(), outcome.session().latencyP95Millis(),
				outcome.session().latencyP99Millis());
		out.printf("  CPU:             %.2f s per 1,000 rows (%.1f s of process CPU during the run)%n",
				cpuNanos / 1e9 / Math.max(1, outcome.rowsThisExecution()) * 1000, cpuNanos / 1e9);
		out.printf("  peak heap:       %,d MB (sum of the heap pools' peaks during the run)%n", peakHeap >> 20);
	}

	private Path writeJob(Path work) {
		try {
			Files.createDirectories(work.resolve("input"));
			Files.createDirectories(work.resolve("jobs"));
			StringBuilder csv = new StringBuilder(rows * 40).append("sku,name\n");
			for (int i = 1; i <= rows; i++) {
				csv.append('P').append(i).append(",Adjustable desk lamp model ").append(i).append('\n');
			}
			Files.writeString(work.resolve("input/bench.csv"), csv, StandardCharsets.UTF_8);
			Path job = work.resolve("jobs/bench.yaml");
			Files.writeString(job, """
					name: bench
					input:
					  path: ../input/bench.csv
					task:
					  type: translate
					  columns: [name]
					  to: [fr]
					model: glm-4.5-air
					thinking: disabled
					chunk-size: %d
					concurrency: %d
					output:
					  path: ../output/{job}.csv
					""".formatted(Math.max(chunkSize, concurrency), concurrency), StandardCharsets.UTF_8);
			return job;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private String http(String method, String path) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator + path));
		request = method.equals("POST") ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new CommandException("The simulator at " + simulator + " answered HTTP " + response.statusCode()
					+ " to " + method + " " + path);
		}
		return response.body();
	}

	private static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
	}

}
