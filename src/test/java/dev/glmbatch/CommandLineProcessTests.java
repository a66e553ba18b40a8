package dev.glmbatch;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.glmbatch.testsupport.CsvFiles;
import dev.glmbatch.testsupport.JarProcess;
import dev.glmbatch.testsupport.JarProcesses;
import dev.glmbatch.testsupport.ServiceApi;
import dev.glmbatch.testsupport.TranslationJobFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar as a user meets it: mistyped commands, configuration errors and a busy
 * state database in one line without a stack trace, an unreachable endpoint refused
 * before any run exists, {@code list} and {@code status} that read the state without
 * creating it, resume hints that work when run as printed (against a simulator again for
 * a {@code --simulate} run), state that does not depend on the working directory, and a
 * service whose shutdown stops its runs before its simulator and resumes them at the next
 * start.
 */
class CommandLineProcessTests {

	private static final Duration PATIENCE = Duration.ofMinutes(6);

	private static final Pattern RUN_FORM = Pattern.compile("^  (java -jar \\S+ run .*)$");

	private static final Pattern RESTART_FORM = Pattern.compile("^or: (java -jar \\S+ restart \\d+)$");

	/** A line of a Java stack trace. */
	private static final Pattern STACK_LINE = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(");

	@TempDir
	Path dir;

	@RegisterExtension
	final JarProcesses processes = new JarProcesses();

	@Test
	void aMistypedCommandGetsTheLikelyOneAndTheHelpListsWholeSentences() throws Exception {
		JarProcess typo = finished(start(dir, Map.of(), "lst"));
		assertThat(typo.exitValue()).isEqualTo(1);
		assertThat(typo.output()).contains("Did you mean: list?").doesNotContain("Usage:");

		JarProcess help = finished(start(dir, Map.of(), "--help"));
		String commands = help.output().substring(help.output().indexOf("Commands:"));
		List<String> summaries = commands.lines().skip(1).takeWhile(line -> !line.isBlank()).toList();
		assertThat(summaries).hasSizeGreaterThanOrEqualTo(10).allSatisfy(line -> assertThat(line).endsWith("."));
	}

	@Test
	void configurationErrorsAreOneLineWithExitCodeOneAndTheirStackTraceOnlyWithDebug() throws Exception {
		TranslationJobFixture job = TranslationJobFixture.aTranslationJob(dir).named("config").withRows(3);
		job.write();

		JarProcess noScheme = finished(start(dir, Map.of("ZAI_API_KEY", "k"), "run", job.jobFile().toString(),
				"--base-url", "api.z.ai/api/paas/v4"));
		assertThat(noScheme.exitValue()).as(noScheme.output()).isEqualTo(1);
		assertThat(noScheme.output()).contains("--base-url api.z.ai/api/paas/v4: not an absolute http(s) URL")
			.doesNotContainPattern(STACK_LINE);

		// the same mistake in the environment surfaces while Spring starts: one line too
		Map<String, String> badEnvironment = Map.of("ZAI_API_KEY", "k", "GLM_BASE_URL", "api.z.ai/api/paas/v4");
		JarProcess bound = finished(start(dir, badEnvironment, "run", job.jobFile().toString()));
		assertThat(bound.exitValue()).as(bound.output()).isEqualTo(1);
		assertThat(bound.output()).contains("glm.base-url must be an absolute http(s) URL, was api.z.ai/api/paas/v4")
			.doesNotContainPattern(STACK_LINE);
		assertThat(bound.output().lines().filter(line -> !line.isBlank()))
			.as("the plan (job, input, model) and the error")
			.hasSizeLessThanOrEqualTo(4);

		JarProcess debugged = finished(start(dir, badEnvironment, "run", job.jobFile().toString(), "--debug"));
		assertThat(debugged.exitValue()).isEqualTo(1);
		assertThat(debugged.output()).containsPattern(STACK_LINE);
	}

	@Test
	void anUnreachableEndpointIsRefusedBeforeAnyRunExists() throws Exception {
		TranslationJobFixture job = TranslationJobFixture.aTranslationJob(dir).named("nowhere").withRows(3);
		job.write();
		String nowhere = "http://127.0.0.1:" + freePort() + "/api/paas/v4";

		JarProcess refused = finished(
				start(dir, Map.of("ZAI_API_KEY", "k"), "run", job.jobFile().toString(), "--base-url", nowhere));

		assertThat(refused.exitValue()).as(refused.output()).isEqualTo(1);
		assertThat(refused.output()).contains("cannot reach " + nowhere + "/chat/completions")
			.contains("Check --base-url")
			.contains("nothing was run")
			.doesNotContainPattern(STACK_LINE);
		JarProcess list = finished(start(dir, Map.of(), "list"));
		assertThat(list.output()).contains("No runs yet.");
	}

	@Test
	void listAndStatusReadTheStateWithoutCreatingItAndShowARunAsItEnded() throws Exception {
		Path home = dir.resolve("home");

		JarProcess emptyList = finished(start(dir, home, "list"));
		JarProcess emptyStatus = finished(start(dir, home, "status"));

		assertThat(emptyList.exitValue()).as(emptyList.output()).isZero();
		assertThat(emptyList.output()).contains("No runs yet.");
		assertThat(emptyStatus.exitValue()).isEqualTo(1);
		assertThat(emptyStatus.output()).contains("There are no runs yet.").doesNotContainPattern(STACK_LINE);
		assertThat(home.resolve(".glm-batch")).doesNotExist();

		TranslationJobFixture job = TranslationJobFixture.aTranslationJob(dir)
			.named("listed")
			.withRows(3)
			.withLanguages("fr")
			.withRawLine("P-ragged,only two");
		job.write();
		JarProcess run = finished(start(dir, home, "run", job.jobFile().toString(), "--simulate"));
		assertThat(run.exitValue()).as(run.output()).isZero();

		JarProcess list = finished(start(dir, home, "list"));
		JarProcess status = finished(start(dir, home, "status"));

		assertThat(list.output())
			.containsPattern("(?m)^RUN +JOB +STATUS +ROWS +DONE +REJECTED +REUSED +STARTED +PROBLEM$")
			.containsPattern("(?m)^\\d+ +listed +COMPLETED +4 +3 +1 +0  \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} ");
		assertThat(status.exitValue()).as(status.output()).isZero();
		assertThat(status.output()).containsPattern("Run \\d+ of job 'listed': COMPLETED \\(1 execution\\)")
			.contains("  output:   " + job.outputFile())
			.contains("  rows:     4 committed of 4, 3 done, 1 rejected")
			.contains("  calls:    3 (0 re-used)")
			.doesNotContain("problem:");
	}

	@Test
	void aStoppedSimulatedRunResumesWithEachPrintedCommandAndItsStateDoesNotMoveWithTheShell() throws Exception {
		TranslationJobFixture job = TranslationJobFixture.aTranslationJob(dir)
			.named("resume-hints")
			.withRows(1000)
			.withLanguages("fr")
			.withChunkSize(20)
			.withConcurrency(2);
		job.write();
		Path home = dir.resolve("home");
		Path jobFile = dir.relativize(job.jobFile());

		// no ZAI_API_KEY anywhere: a resume against Z.AI would be refused, so each one
		// must find a simulator
		JarProcess first = start(dir, home, "run", jobFile.toString(), "--simulate");
		String runForm = stopMidRun(first);
		String restartForm = lineMatching(first, RESTART_FORM);
		assertThat(runForm)
			.isEqualTo("java -jar " + shortestPath(JarProcess.jar()) + " run " + jobFile + " --simulate");

		JarProcess second = JarProcess.startPrinted(dir, home, dir.resolve("second.log"), Map.of(), runForm);
		processes.add(second);
		stopMidRun(second);
		assertThat(second.output()).contains("GLM simulator:").contains("resumed");
		assertThat(lineMatching(second, RESTART_FORM)).isEqualTo(restartForm);

		JarProcess third = finished(
				JarProcess.startPrinted(dir, home, dir.resolve("third.log"), Map.of(), restartForm));
		assertThat(third.exitValue()).as(third.output()).isZero();
		assertThat(third.output()).contains("GLM simulator:").contains("COMPLETED").contains("resumed");
		assertThat(CsvFiles.column(job.outputFile(), "sku")).hasSize(1000).doesNotHaveDuplicates();
		String output = Files.readString(job.outputFile());

		// another working directory, the same user: the same state, so nothing is paid
		// again
		Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
		JarProcess again = finished(start(elsewhere, home, "run", job.jobFile().toString(), "--simulate"));
		assertThat(again.exitValue()).as(again.output()).isZero();
		assertThat(again.output()).contains("has already completed")
			.contains(home.resolve(".glm-batch/state").toString());

		// another state database: the output file is not its own, so it refuses before
		// paying
		JarProcess stranger = finished(
				start(elsewhere, dir.resolve("other-home"), "run", job.jobFile().toString(), "--simulate"));
		assertThat(stranger.exitValue()).as(stranger.output()).isEqualTo(1);
		assertThat(stranger.output()).contains(job.outputFile() + " already exists")
			.contains("--new")
			.doesNotContainPattern(STACK_LINE);
		assertThat(Files.readString(job.outputFile())).isEqualTo(output);
	}

	@Test
	void aServiceStoppedWithSigtermStopsItsRunBeforeItsSimulatorAndResumesItAtTheNextStart() throws Exception {
		TranslationJobFixture job = TranslationJobFixture.aTranslationJob(dir)
			.named("service-stop")
			.withRows(1500)
			.withLanguages("fr")
			.withChunkSize(20)
			.withConcurrency(2);
		job.write();

		JarProcess firstService = startService();
		ServiceApi first = ServiceApi.of(firstService, PATIENCE);

		// the service holds the H2 state: another command says so in one line
		JarProcess busy = finished(start(dir, Map.of(), "list"));
		assertThat(busy.exitValue()).isEqualTo(1);
		assertThat(busy.output()).contains("is in use by another glm-batch process").doesNotContainPattern(STACK_LINE);

		long runId = first.startRun("service-stop");
		first.awaitRun(runId, PATIENCE, run -> run.get("totals").get("rows").asLong() >= 100);
		firstService.terminate();
		assertThat(firstService.waitFor(PATIENCE)).isTrue();
		assertThat(firstService.output()).contains("Run " + runId + " of job 'service-stop' ended: STOPPED")
			.doesNotContain("FAILED")
			.doesNotContain("Connection refused");

		JarProcess secondService = startService();
		ServiceApi second = ServiceApi.of(secondService, PATIENCE);
		JsonNode run = second.awaitRun(runId, PATIENCE,
				candidate -> candidate.get("status").asString().equals("COMPLETED"));
		assertThat(run.get("executions").asInt()).isEqualTo(2);
		assertThat(secondService.output()).contains("Resuming run " + runId);
		assertThat(CsvFiles.column(job.outputFile(), "sku")).hasSize(1500).doesNotHaveDuplicates();
	}

	/**
	 * Waits for a progress line, stops the run with SIGTERM, and returns the first resume
	 * command it printed.
	 */
	private static String stopMidRun(JarProcess run) throws Exception {
		run.awaitLine(Pattern.compile("(Rows \\d+/1000)"), PATIENCE);
		run.terminate();
		assertThat(run.waitFor(PATIENCE)).isTrue();
		assertThat(run.exitValue()).as(run.output()).isEqualTo(3);
		assertThat(run.output()).contains("STOPPED").doesNotContain("JobInterruptedException");
		return lineMatching(run, RUN_FORM);
	}

	private static String lineMatching(JarProcess process, Pattern pattern) {
		return process.output()
			.lines()
			.map(pattern::matcher)
			.filter(Matcher::matches)
			.map(matcher -> matcher.group(1))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No line matching " + pattern + " in:\n" + process.output()));
	}

	/**
	 * The jar's path as the resume hints print it: relative to the working folder when
	 * that is shorter.
	 */
	private String shortestPath(Path jar) {
		String relative = dir.toAbsolutePath().relativize(jar).toString();
		return relative.length() < jar.toString().length() ? relative : jar.toString();
	}

	private JarProcess startService() throws IOException {
		JarProcess service = JarProcess.start(dir, dir.resolve("service.log"), Map.of(), List.of(), "serve", "--port",
				"0", "--jobs", dir.resolve("jobs").toString(), "--simulate");
		processes.add(service);
		return service;
	}

	private JarProcess start(Path workDir, Map<String, String> env, String... arguments) throws IOException {
		JarProcess process = JarProcess.start(workDir, dir.resolve("process.log"), env, List.of(), arguments);
		processes.add(process);
		return process;
	}

	/**
	 * Starts the jar in {@code workDir} with {@code home} as the user's home folder
	 * (where the state is).
	 */
	private JarProcess start(Path workDir, Path home, String... arguments) throws IOException {
		JarProcess process = JarProcess.start(workDir, dir.resolve("process.log"), Map.of(),
				List.of("-Duser.home=" + home.toAbsolutePath()), arguments);
		processes.add(process);
		return process;
	}

	private static JarProcess finished(JarProcess process) throws InterruptedException {
		assertThat(process.waitFor(PATIENCE)).as(process.output()).isTrue();
		return process;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
