package dev.glmbatch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
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
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.glmbatch.testsupport.TestDatabases;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged jar as a user would, against a simulator in another process, kills it with SIGKILL at random
 * points, resumes it each time, and checks the promise of the tool: every row exactly once, in input order, the
 * rejects accounting for the rest, and at most the in-flight calls paid twice per kill.
 */
class KillAndResumeProcessTests {

	private static final String CANARY_KEY = "canary-4f1e7a2b.zz9PluralZAlpha";

	private static final int ROWS = 3000;

	private static final int CONCURRENCY = 8;

	private static final Path JAR = Path.of(System.getProperty("glmbatch.jar", "target/glm-batch.jar"));

	private static Process simulator;

	private static URI simulatorUrl;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startSimulator() throws IOException {
		simulator = new ProcessBuilder(java(), "-jar", JAR.toString(), "simulator", "--port", "0", "--latency-ms",
				"15", "--max-in-flight", "64")
			.redirectErrorStream(true)
			.start();
		BufferedReader out = new BufferedReader(
				new InputStreamReader(simulator.getInputStream(), StandardCharsets.UTF_8));
		Matcher url = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)").matcher("");
		for (String line = out.readLine(); line != null; line = out.readLine()) {
			if (url.reset(line).find()) {
				simulatorUrl = URI.create(url.group(1));
				break;
			}
		}
		assertThat(simulatorUrl).as("simulator started").isNotNull();
		Thread drain = new Thread(() -> out.lines().forEach(line -> {
		}));
		drain.setDaemon(true);
		drain.start();
	}

	@AfterAll
	static void stopSimulator() {
		if (simulator != null) {
			simulator.destroyForcibly();
		}
	}

	static Stream<Arguments> databases() {
		return TestDatabases.names()
			.map(name -> Arguments.of(name, name.equals(TestDatabases.H2) ? null : TestDatabases.postgresUrl()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void killedRepeatedlyThenResumedGivesEveryRowOnceAndPaysOnlyForCallsInFlight(String database, String postgresUrl,
			@TempDir Path dir) throws Exception {
		TranslationJobFixture job = TranslationJobFixture.aTranslationJob(dir)
			.named("kill-" + database + "-" + System.nanoTime())
			.withRows(ROWS)
			.withLanguages("fr")
			.withChunkSize(20)
			.withConcurrency(CONCURRENCY)
			.withRawLine("P-ragged,only two fields");
		job.write();
		post("/_simulator/reset");
		Random random = new Random(42);
		StringBuilder allOutput = new StringBuilder();
		int kills = 0;
		for (int attempt = 0; attempt < 4; attempt++) {
			Process run = startRun(dir, job, postgresUrl);
			boolean finished = run.waitFor(3000 + random.nextInt(3000), TimeUnit.MILLISECONDS);
			if (!finished) {
				run.destroyForcibly().waitFor();
				kills++;
			}
			allOutput.append(Files.readString(dir.resolve("run.log")));
		}
		Process last = startRun(dir, job, postgresUrl);
		assertThat(last.waitFor(5, TimeUnit.MINUTES)).isTrue();
		String lastLog = Files.readString(dir.resolve("run.log"));
		allOutput.append(lastLog);
		assertThat(last.exitValue()).as(lastLog).isZero();

		List<String> skus = column(job.outputFile(), "sku");
		List<String> expected = new ArrayList<>();
		for (int i = 1; i <= ROWS; i++) {
			expected.add("P" + i);
		}
		assertThat(skus).as("every input row exactly once, in input order").containsExactlyElementsOf(expected);
		assertThat(column(job.outputFile(), "name_fr")).allSatisfy(value -> assertThat(value).startsWith("[French] "));
		assertThat(column(job.rejectFile(), "sku")).containsExactly("P-ragged");

		JsonNode stats = JsonMapper.builder().build().readTree(get("/_simulator/stats"));
		long repaid = stats.get("repaidCalls").asLong();
		System.out.printf("[%s] %d kills, %d calls paid twice (bound %d)%n", database, kills, repaid,
				(long) kills * CONCURRENCY);
		assertThat(kills).as("the run was really interrupted").isGreaterThanOrEqualTo(2);
		assertThat(repaid).isLessThanOrEqualTo((long) kills * CONCURRENCY);

		assertThat(allOutput.toString()).doesNotContain(CANARY_KEY);
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
					.doesNotContain(CANARY_KEY);
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("databases")
	void sigtermStopsAtAChunkBoundaryWithExitCodeThreeAndTheRunResumes(String database, String postgresUrl,
			@TempDir Path dir) throws Exception {
		TranslationJobFixture job = TranslationJobFixture.aTranslationJob(dir)
			.named("term-" + database + "-" + System.nanoTime())
			.withRows(ROWS)
			.withLanguages("fr")
			.withChunkSize(20)
			.withConcurrency(CONCURRENCY);
		job.write();
		Process run = startRun(dir, job, postgresUrl);
		Thread.sleep(4500);
		run.destroy();
		assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
		String log = Files.readString(dir.resolve("run.log"));
		assertThat(run.exitValue()).as(log).isEqualTo(3);
		assertThat(log).contains("STOPPED").contains("Resume with");

		Process resumed = startRun(dir, job, postgresUrl);
		assertThat(resumed.waitFor(5, TimeUnit.MINUTES)).isTrue();
		String resumedLog = Files.readString(dir.resolve("run.log"));
		assertThat(resumed.exitValue()).as(resumedLog).isZero();
		assertThat(resumedLog).contains("resumed");
		assertThat(column(job.outputFile(), "sku")).hasSize(ROWS).doesNotHaveDuplicates();
	}

	private Process startRun(Path dir, TranslationJobFixture job, String postgresUrl) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(java(), "-jar", JAR.toAbsolutePath().toString(), "run",
				job.jobFile().toString(), "--base-url", simulatorUrl + "/api/paas/v4")
			.directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("run.log").toFile());
		Map<String, String> env = builder.environment();
		env.put("ZAI_API_KEY", CANARY_KEY);
		if (postgresUrl != null) {
			env.put("SPRING_DATASOURCE_URL", postgresUrl);
			env.put("SPRING_DATASOURCE_USERNAME", "batch");
			env.put("SPRING_DATASOURCE_PASSWORD", "batch");
		}
		return builder.start();
	}

	private static List<String> column(Path csv, String name) throws IOException {
		try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
			List<String> values = new ArrayList<>();
			for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
				.parse(reader)) {
				values.add(record.get(name));
			}
			return values;
		}
	}

	private String get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(simulatorUrl.resolve(path)).GET().build(),
				HttpResponse.BodyHandlers.ofString()).body();
	}

	private void post(String path) throws Exception {
		http.send(HttpRequest.newBuilder(simulatorUrl.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.discarding());
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
