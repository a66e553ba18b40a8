package dev.glmbatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.glmbatch.simulator.GlmSimulator;
import dev.glmbatch.simulator.SimulatorOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the packaged jar on a job in a JVM of its own with {@code -Xmx256m} and a GC log,
 * against a simulator, and measures it (its home folder is {@code work}): the wall time,
 * JVM start included, and from the GC log the peak heap in use (the largest heap in use
 * before a collection) and the 95th percentile of the heap still in use after one (about
 * the live set).
 *
 * @param seconds the wall time
 * @param peakHeapMb the largest heap in use before a collection
 * @param liveHeapMb the 95th percentile of the heap in use after a collection
 * @param console what the job printed
 */
record JobJvm(double seconds, long peakHeapMb, long liveHeapMb, String console) {

	private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	/**
	 * Runs {@code run JOB --base-url URL} in {@code work} and checks that the job
	 * completed.
	 */
	static JobJvm run(Path jar, Path job, Path work, String baseUrl) throws IOException, InterruptedException {
		Path gcLog = work.resolve("gc.log");
		// the job's home is its work folder, so that its state database is its own and
		// the real home is untouched
		ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx256m", "-Xlog:gc:file=" + gcLog,
				"-Duser.home=" + work, "-jar", jar.toString(), "run", job.toString(), "--base-url", baseUrl)
			.directory(work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("console.txt").toFile());
		builder.environment().put("ZAI_API_KEY", "bench-key");
		long start = System.nanoTime();
		Process process = builder.start();
		boolean finished = process.waitFor(2, TimeUnit.HOURS);
		double seconds = (System.nanoTime() - start) / 1e9;
		if (!finished) {
			process.destroyForcibly();
		}
		String console = Files.readString(work.resolve("console.txt"));
		assertThat(process.exitValue()).as(console).isZero();
		assertThat(console).contains("COMPLETED");
		long before = 0;
		List<Long> after = new ArrayList<>();
		for (String line : Files.readAllLines(gcLog)) {
			Matcher matcher = GC_LINE.matcher(line);
			if (matcher.find()) {
				before = Math.max(before, Long.parseLong(matcher.group(1)));
				after.add(Long.parseLong(matcher.group(2)));
			}
		}
		after.sort(null);
		long p95 = after.isEmpty() ? 0 : after.get((int) Math.min(after.size() - 1, Math.round(after.size() * 0.95)));
		return new JobJvm(seconds, before, p95, console);
	}

	/** The packaged jar, which must have been built. */
	static Path jar() {
		Path jar = Path.of(System.getProperty("glmbatch.jar", "target/glm-batch.jar")).toAbsolutePath();
		assertThat(jar).exists();
		return jar;
	}

	/**
	 * The simulator the benchmarks run against: no latency, no token rate, 256 calls in
	 * flight.
	 */
	static GlmSimulator simulator() {
		return GlmSimulator.start(SimulatorOptions.defaults()
			.withLatencyMedian(Duration.ZERO)
			.withTokensPerSecond(0)
			.withMaxInFlight(256));
	}

	private static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
