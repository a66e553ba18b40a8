package dev.glmbatch.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.glmbatch.cli.ExitCode;
import dev.glmbatch.simulator.GlmSimulator;
import dev.glmbatch.simulator.SimulatorOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a unit test: a measurement, skipped unless {@code -Dglmbatch.bench=true}. Runs the
 * packaged jar as a user does, several times per command, in a work folder holding the
 * demo translation job (40 rows) and a state database in which that job has already
 * completed, and logs the median wall time and the median CPU seconds (user + system, JIT
 * and GC threads included) of each:
 * <ul>
 * <li>{@code list}, {@code status}, {@code validate JOB}, {@code estimate JOB};</li>
 * <li>{@code stop ID} of the completed run (it answers that the run is not running, exit
 * code 1);</li>
 * <li>{@code run JOB} of the completed job (it answers that the run already
 * completed);</li>
 * <li>{@code run JOB --new} until the simulator receives the run's first GLM call (the
 * process's start-up cost before it can spend anything; the run then completes and is not
 * timed);</li>
 * <li>{@code serve} until {@code /actuator/health} answers.</li>
 * </ul>
 * The GLM endpoint is a simulator in this JVM; the jar gets the work folder as its home,
 * so the state database is a new one under it, never the user's. CPU seconds are read
 * from {@code /proc}: the process is run by a shell that reads its children's CPU times
 * once it has ended (Linux only). Run with:
 *
 * <pre>
 * ./mvnw -B -o package -DskipTests
 * ./mvnw -B -o surefire:test -Dtest=StartupBenchmark -Dglmbatch.bench=true [-Dglmbatch.bench.repeat=N] [-Dglmbatch.jar=PATH]
 * </pre>
 */
@EnabledIfSystemProperty(named = "glmbatch.bench", matches = "true")
@EnabledOnOs(OS.LINUX)
class StartupBenchmark {

	private static final Logger log = LoggerFactory.getLogger(StartupBenchmark.class);

	/**
	 * Reports the children's CPU ticks (user, system) and the clock's ticks per second
	 * after the command ended.
	 */
	private static final String CPU_WRAPPER = """
			"$@"; status=$?
			set -- $(cat /proc/$$/stat)
			echo "${16} ${17} $(getconf CLK_TCK)" > "$GLMBATCH_BENCH_CPU"
			exit $status""";

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	@TempDir
	Path dir;

	private Path jar = Path.of("target/glm-batch.jar");

	private GlmSimulator simulator;

	@Test
	void measuresTheStartUpOfEachCommand() throws Exception {
		int repeat = Integer.getInteger("glmbatch.bench.repeat", 5);
		jar = Path.of(System.getProperty("glmbatch.jar", "target/glm-batch.jar")).toAbsolutePath();
		assertThat(jar).exists();
		Files.createDirectories(dir.resolve("jobs"));
		Files.createDirectories(dir.resolve("input"));
		Files.copy(Path.of("jobs/demo-translate.yaml"), dir.resolve("jobs/demo-translate.yaml"));
		Files.copy(Path.of("input/demo-products.csv"), dir.resolve("input/demo-products.csv"));
		String job = "jobs/demo-translate.yaml";
		List<String> figures = new ArrayList<>();
		try (GlmSimulator glm = GlmSimulator.start(SimulatorOptions.defaults().withLatencyMedian(Duration.ZERO))) {
			simulator = glm;
			String baseUrl = glm.zaiBaseUrl().toString();
			Sample first = command("run", job, "--base-url", baseUrl);
			assertThat(first.exit()).as(first.output()).isZero();
			figures.add(measure("list", repeat, () -> command("list")));
			figures.add(measure("status", repeat, () -> command("status")));
			figures.add(measure("stop ID (not running)", repeat, ExitCode.USAGE, () -> command("stop", "1")));
			figures.add(measure("validate JOB", repeat, () -> command("validate", job)));
			figures.add(measure("estimate JOB", repeat, () -> command("estimate", job)));
			figures
				.add(measure("run JOB (already completed)", repeat, () -> command("run", job, "--base-url", baseUrl)));
			figures.add(measure("run JOB --new, to its first GLM call", repeat, () -> runToFirstCall(job, baseUrl)));
			figures.add(measure("serve, until /actuator/health answers", repeat, this::serveUntilHealthy));
		}
		log.info("BENCHMARK start-up of {} ({} times each; median wall, median CPU of the process):", jar, repeat);
		figures.forEach(line -> log.info("BENCHMARK {}", line));
	}

	private String measure(String name, int repeat, SampleSource source) throws Exception {
		return measure(name, repeat, ExitCode.DONE, source);
	}

	private String measure(String name, int repeat, int exitCode, SampleSource source) throws Exception {
		List<Sample> samples = new ArrayList<>();
		for (int i = 0; i < repeat; i++) {
			Sample sample = source.get();
			assertThat(sample.exit()).as(name + ":\n" + sample.output()).isEqualTo(exitCode);
			samples.add(sample);
		}
		double wall = median(samples.stream().mapToDouble(Sample::wallSeconds).toArray());
		double cpu = median(samples.stream().mapToDouble(Sample::cpuSeconds).toArray());
		return String.format(Locale.ROOT, "%-40s %6.2f s wall %6.2f s CPU", name, wall, cpu);
	}

	/** Runs a command to its end, through the shell that reads its CPU times. */
	private Sample command(String... arguments) throws IOException, InterruptedException {
		Path cpuFile = dir.resolve("cpu.txt");
		Files.deleteIfExists(cpuFile);
		List<String> command = new ArrayList<>(List.of("sh", "-c", CPU_WRAPPER, "sh"));
		command.addAll(java(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("console.txt").toFile());
		builder.environment().putAll(Map.of("ZAI_API_KEY", "bench-key", "GLMBATCH_BENCH_CPU", cpuFile.toString()));
		long start = System.nanoTime();
		Process process = builder.start();
		if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", arguments) + " did not end within " + TIMEOUT);
		}
		double wall = (System.nanoTime() - start) / 1e9;
		String[] ticks = Files.readString(cpuFile).trim().split(" ");
		double cpu = (Long.parseLong(ticks[0]) + Long.parseLong(ticks[1])) / Double.parseDouble(ticks[2]);
		return new Sample(process.exitValue(), wall, cpu, Files.readString(dir.resolve("console.txt")));
	}

	/**
	 * Starts a new run and times it to the simulator's first request; the run is then
	 * left to complete.
	 */
	private Sample runToFirstCall(String job, String baseUrl) throws Exception {
		simulator.reset();
		return untilThenEnd(() -> simulator.stats().requests() > 0, false, "run", job, "--base-url", baseUrl, "--new");
	}

	private Sample serveUntilHealthy() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		return untilThenEnd(() -> {
			try {
				http.send(health, HttpResponse.BodyHandlers.discarding());
				return true;
			}
			catch (IOException ex) {
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}, true, "serve", "--port", String.valueOf(port), "--jobs", "jobs", "--base-url",
				simulator.zaiBaseUrl().toString());
	}

	/**
	 * Starts the jar, times it until {@code reached} holds and reads its CPU time at that
	 * moment; then stops it with SIGTERM ({@code terminate}) or waits for its end.
	 */
	private Sample untilThenEnd(BooleanSupplier reached, boolean terminate, String... arguments) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(java(arguments)).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("console.txt").toFile());
		builder.environment().put("ZAI_API_KEY", "bench-key");
		long start = System.nanoTime();
		Process process = builder.start();
		long deadline = start + TIMEOUT.toNanos();
		while (!reached.getAsBoolean()) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				process.destroyForcibly();
				throw new AssertionError(String.join(" ", arguments) + " ended or timed out first:\n"
						+ Files.readString(dir.resolve("console.txt")));
			}
			Thread.sleep(10);
		}
		double wall = (System.nanoTime() - start) / 1e9;
		double cpu = process.toHandle().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
		if (terminate) {
			process.toHandle().destroy();
		}
		if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", arguments) + " did not end within " + TIMEOUT);
		}
		String output = Files.readString(dir.resolve("console.txt"));
		// a service stopped by SIGTERM ends with 143 or 0, depending on who exits first;
		// both are a clean stop
		int exit = (terminate && process.exitValue() == 143) ? 0 : process.exitValue();
		return new Sample(exit, wall, cpu, output);
	}

	private List<String> java(String... arguments) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Duser.home=" + dir,
						"-jar", jar.toString()));
		command.addAll(List.of(arguments));
		return command;
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		java.util.Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private record Sample(int exit, double wallSeconds, double cpuSeconds, String output) {
	}

	@FunctionalInterface
	private interface SampleSource {

		Sample get() throws Exception;

	}

}
