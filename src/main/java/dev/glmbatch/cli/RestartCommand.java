package dev.glmbatch.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;

import dev.glmbatch.run.ActiveRuns;
import dev.glmbatch.run.Preflight;
import dev.glmbatch.run.RunOperator;
import dev.glmbatch.run.RunOptions;
import dev.glmbatch.run.RunOutcome;
import dev.glmbatch.run.RunSettings;
import dev.glmbatch.run.RunStatus;
import dev.glmbatch.run.Runs;
import dev.glmbatch.run.StartedRun;
import dev.glmbatch.simulator.GlmSimulator;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restart", mixinStandardHelpOptions = true,
		description = { "Resumes a failed, stopped or killed run by its id.",
				"It resumes with the job file and input the run started with, and against the endpoint, dialect and",
				"limits it last ran with (a --simulate run against a new simulator); the options below override them.",
				"The API key comes from ZAI_API_KEY, as for run." },
		footer = ExitCode.HELP)
final class RestartCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "ID", description = "The run id, as printed by run, list and status.")
	private long runId;

	@Mixin
	private RunCallOptions calls = new RunCallOptions();

	@Override
	public Integer call() {
		return execute(runId, calls, (operator, options) -> operator.restart(runId, options));
	}

	/**
	 * Starts an execution for a run kept in the state database, against the endpoint and
	 * limits it last ran with (overridden by the options given), and reports how it
	 * ended: a resume of the run ({@code restart}), or a new run of its job
	 * ({@code retry}).
	 */
	static int execute(long runId, RunCallOptions calls, BiFunction<RunOperator, RunOptions, StartedRun> launch) {
		PrintStream out = System.out;
		calls.requireValid();
		GracefulShutdown shutdown = new GracefulShutdown(System.err);
		Prepared prepared;
		try {
			prepared = prepare(runId, calls.given(), out);
		}
		catch (RuntimeException ex) {
			shutdown.commandAborted();
			throw ex;
		}
		ConfigurableApplicationContext context = prepared.context();
		GlmSimulator simulator = prepared.simulator();
		RunSettings settings = prepared.settings();
		try (context) {
			Runs runs = context.getBean(Runs.class);
			RunCommand.printState(runs, out);
			shutdown.attach(context.getBean(ActiveRuns.class));
			RunOutcome outcome;
			try {
				context.getBean(Preflight.class).requireAcceptedKey();
				RunSettings effective = new RunSettings(
						settings.simulated() ? null : context.getEnvironment().getProperty("glm.base-url"),
						context.getEnvironment().getProperty("glm.dialect"), settings.maxInFlight(),
						settings.concurrency(), settings.simulated());
				StartedRun started = launch.apply(context.getBean(RunOperator.class),
						RunCommand.progressOptions(RunOptions.RESUME_OR_START)
							.withSettings(effective)
							.withResumeCommand(RunCommand::restartCommand));
				if (started.runId() != runId) {
					out.printf("Run %d retries the rows run %d rejected; the rows it accepted are kept, without"
							+ " any call.%n", started.runId(), runId);
				}
				outcome = started.await();
			}
			catch (RuntimeException ex) {
				shutdown.commandAborted();
				RunCommand.closeQuietly(simulator);
				String diskFull = DiskFull.message(ex, runs.stateDatabase().describe());
				if (diskFull != null) {
					System.err.println(diskFull);
					return ExitCode.JOB_FAILED;
				}
				throw ex;
			}
			RunReport.print(outcome, out);
			int code = RunReport.exitCode(outcome);
			if (outcome.status() == RunStatus.FAILED || outcome.status() == RunStatus.STOPPED) {
				if (outcome.failure() != null) {
					System.err.printf("Run %d %s: %s%n", outcome.runId(), outcome.status().name().toLowerCase(),
							outcome.failure());
				}
				System.err.printf("Nothing is lost: committed rows and paid answers are kept. Resume with:%n  %s%n",
						RunCommand.restartCommand(outcome.runId()));
			}
			context.close();
			RunCommand.closeQuietly(simulator);
			shutdown.commandFinished(code);
			return code;
		}
	}

	/**
	 * Reads the run's settings from the state database and returns a context started
	 * against the run's endpoint (the one that read them, when it is already so), with
	 * the simulator it needs, if any.
	 */
	private static Prepared prepare(long runId, RunSettings given, PrintStream out) {
		ConfigurableApplicationContext context = SpringRuntime.start(Map.of());
		GlmSimulator simulator = null;
		try {
			RunSettings settings = context.getBean(Runs.class)
				.settings(runId)
				.orElse(RunSettings.NONE)
				.overriddenBy(given);
			Map<String, Object> properties = new LinkedHashMap<>();
			if (settings.simulated()) {
				simulator = SimulateOption.start(properties);
				out.printf("GLM simulator: %s (offline; the run was started with --simulate)%n",
						simulator.zaiBaseUrl());
			}
			else {
				RunCommand.requireApiKey();
				putIfGiven(properties, "glm.base-url", settings.baseUrl());
			}
			putIfGiven(properties, "glm.dialect", settings.dialect());
			putIfGiven(properties, "glm.max-in-flight", settings.maxInFlight());
			if (!sameAs(context.getEnvironment(), properties)) {
				context.close();
				context = SpringRuntime.start(properties);
			}
			return new Prepared(context, simulator, settings);
		}
		catch (RuntimeException ex) {
			context.close();
			RunCommand.closeQuietly(simulator);
			throw ex;
		}
	}

	private record Prepared(ConfigurableApplicationContext context, @Nullable GlmSimulator simulator,
			RunSettings settings) {
	}

	private static void putIfGiven(Map<String, Object> properties, String key, @Nullable Object value) {
		if (value != null) {
			properties.put(key, value);
		}
	}

	/**
	 * Whether a context already resolves each of these properties to the same value, so
	 * that it can be used as is.
	 */
	private static boolean sameAs(Environment environment, Map<String, Object> properties) {
		return properties.entrySet()
			.stream()
			.allMatch(
					entry -> Objects.equals(environment.getProperty(entry.getKey()), String.valueOf(entry.getValue())));
	}

}
