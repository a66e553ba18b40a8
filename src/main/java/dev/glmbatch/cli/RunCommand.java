package dev.glmbatch.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.OutputFormat;
import dev.glmbatch.jobdef.OutputSpec;
import dev.glmbatch.run.ActiveRuns;
import dev.glmbatch.run.Preflight;
import dev.glmbatch.run.RunOperator;
import dev.glmbatch.run.RunOptions;
import dev.glmbatch.run.RunOutcome;
import dev.glmbatch.run.RunSettings;
import dev.glmbatch.run.RunStatus;
import dev.glmbatch.run.Runs;
import dev.glmbatch.simulator.GlmSimulator;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "run", mixinStandardHelpOptions = true,
		description = { "Runs a job, resuming its unfinished run for the same input, or starting a new one.",
				"An unfinished run is one that failed, stopped or was killed. Rows already answered are never paid",
				"for again." },
		footer = { "%nPaths in the job file resolve against the job file's folder; --input and --output against the",
				"working directory. The API key comes from the ZAI_API_KEY environment variable.", ExitCode.HELP })
final class RunCommand implements Callable<Integer> {

	@Spec
	@SuppressWarnings("NullAway.Init")
	private CommandSpec spec;

	@Mixin
	private final JobArguments job = new JobArguments();

	@Option(names = "--output", paramLabel = "PATH",
			description = { "Write this file instead of the job's output; its extension (.csv, .xlsx, .xlsm, .jsonl)",
					"sets the format unless the job file sets output.format." })
	private @Nullable Path output;

	@Option(names = "--new",
			description = {
					"Start a fresh run even if an unfinished one exists, or if the output file exists but no run",
					"in this state database wrote it (it is overwritten)." })
	private boolean forceNew;

	@Option(names = "--no-reuse",
			description = { "Pay for a fresh answer to every request, even one an earlier run already paid for",
					"(by default such an answer is re-used: same model, settings and prompt; job key reuse)." })
	private boolean noReuse;

	@Option(names = "--distributed",
			description = { "Let workers process the rows (the worker command, on this host or others), in partitions;",
					"needs a PostgreSQL state database they share. This process loads the input, waits, and writes",
					"the output." })
	private boolean distributed;

	@Option(names = "--partitions", paramLabel = "N",
			description = "With --distributed: the partitions of rows (default " + DEFAULT_PARTITIONS
					+ "; at most one per row).")
	private @Nullable Integer partitions;

	/**
	 * Partitions by default: several per worker for a few workers, so that the last
	 * partitions to finish leave little time with workers idle.
	 */
	static final int DEFAULT_PARTITIONS = 24;

	@Mixin
	private RunCallOptions calls = new RunCallOptions();

	@Override
	public Integer call() {
		PrintStream out = System.out;
		PrintStream err = System.err;
		JobDefinition fromFile = job.definition(job.load(),
				"Run one of them with --input FILE, or serve the job (serve) to process each new file once");
		calls.requireValid();
		if (partitions != null && (!distributed || partitions < 1)) {
			throw new CommandException(distributed ? "--partitions must be at least 1"
					: "--partitions goes with --distributed: add --distributed to let workers process the rows");
		}
		if (distributed && calls.offline.simulate) {
			throw new CommandException("--simulate starts a simulator inside this process, which workers cannot reach:"
					+ " start one with the simulator command and give its URL to the run and to each worker with"
					+ " --base-url.");
		}
		JobDefinition definition = overridden(fromFile);
		Map<String, Object> properties = new LinkedHashMap<>();
		GlmSimulator simulator = null;
		if (calls.offline.simulate) {
			simulator = SimulateOption.start(properties);
			out.printf("GLM simulator: %s (offline; simulated answers: %s)%n", simulator.zaiBaseUrl(),
					GlmSimulator.describeAnswers(TaskNames.of(definition.task())));
		}
		else {
			requireApiKey();
		}
		GlmSimulator startedSimulator = simulator;
		calls.endpoint.putInto(properties);
		printPlan(definition, out);
		GracefulShutdown shutdown = new GracefulShutdown(err);
		ConfigurableApplicationContext context;
		try {
			context = SpringRuntime.start(properties);
		}
		catch (RuntimeException ex) {
			shutdown.commandAborted();
			closeQuietly(startedSimulator);
			throw ex;
		}
		try (context) {
			Runs runs = context.getBean(Runs.class);
			printState(runs, out);
			shutdown.attach(context.getBean(ActiveRuns.class));
			int code;
			RunOutcome outcome;
			try {
				Optional<RunOutcome> exported = (output != null && !forceNew)
						? context.getBean(RunOperator.class).exportCompleted(definition) : Optional.empty();
				if (exported.isPresent()) {
					// before the key check, which would call GLM
					out.printf(
							"Run %d had completed this input already: its results were written to %s from the"
									+ " rows it kept, without any call (to process the input again, add --new).%n",
							exported.get().runId(), exported.get().outputPath());
					context.close();
					closeQuietly(startedSimulator);
					shutdown.commandFinished(ExitCode.DONE);
					return ExitCode.DONE;
				}
				if (distributed) {
					// before the key check, which calls GLM
					runs.stateDatabase().requireShared("A distributed run");
				}
				context.getBean(Preflight.class).requireAcceptedKey();
				RunSettings settings = settingsOf(context.getEnvironment(), calls.limits.concurrency,
						calls.offline.simulate && calls.endpoint.baseUrl == null);
				outcome = context.getBean(RunOperator.class)
					.start(definition, progressOptions(new RunOptions(forceNew)).withSettings(settings)
						.withResumeCommand(RunCommand::restartCommand)
						.withPartitions(distributed ? Objects.requireNonNullElse(partitions, DEFAULT_PARTITIONS) : 0))
					.await();
			}
			catch (RuntimeException ex) {
				shutdown.commandAborted();
				closeQuietly(startedSimulator);
				String diskFull = DiskFull.message(ex, runs.stateDatabase().describe());
				if (diskFull != null) {
					err.println(diskFull);
					return ExitCode.JOB_FAILED;
				}
				throw ex;
			}
			RunReport.print(outcome, out);
			code = RunReport.exitCode(outcome);
			if (outcome.status() == RunStatus.ALREADY_COMPLETED) {
				out.println("Nothing to do. To process this input again, add --new (answers earlier runs paid for are"
						+ " re-used; add --no-reuse as well to pay for fresh ones).");
			}
			if (outcome.status() == RunStatus.FAILED || outcome.status() == RunStatus.STOPPED) {
				Path output = definition.output().resolvePath(definition.name(), LocalDate.now()).toAbsolutePath();
				String diskFull = DiskFull.message(outcome.failure(), String.valueOf(output.getParent()));
				if (diskFull != null) {
					err.println(diskFull);
				}
				else if (outcome.failure() != null) {
					err.printf("Run %d %s: %s%n", outcome.runId(), outcome.status().name().toLowerCase(),
							outcome.failure());
				}
				err.printf(
						"Nothing is lost: committed rows and paid answers are kept. Resume with:%n  %s%n" + "or: %s%n",
						resumeCommand(), restartCommand(outcome.runId()));
			}
			context.close();
			if (simulator != null) {
				simulator.close();
			}
			shutdown.commandFinished(code);
			return code;
		}
	}

	/**
	 * {@code java -jar JAR restart ID}: resumes the run with the endpoint, dialect and
	 * limits it ran with.
	 */
	static String restartCommand(long runId) {
		return JarCommand.with(List.of("restart", Long.toString(runId)));
	}

	/**
	 * The banner's state line, and a note when the working directory holds an older state
	 * database.
	 */
	static void printState(Runs runs, PrintStream out) {
		out.printf("State:   %s (process %d)%n", StateLocation.banner(runs.stateDatabase()),
				ProcessHandle.current().pid());
		String oldState = StateLocation.oldStateNote(runs.stateDatabase());
		if (oldState != null) {
			out.println(oldState);
		}
	}

	/**
	 * The endpoint and limits this process runs with, as its configuration resolved them
	 * (command line, environment, application.properties), to be kept with the run.
	 */
	static RunSettings settingsOf(Environment environment, @Nullable Integer concurrency, boolean simulated) {
		return new RunSettings(simulated ? null : environment.getProperty("glm.base-url"),
				environment.getProperty("glm.dialect"), environment.getProperty("glm.max-in-flight", Integer.class),
				concurrency, simulated);
	}

	static void closeQuietly(@Nullable GlmSimulator simulator) {
		if (simulator != null) {
			simulator.close();
		}
	}

	/** A progress bar on a terminal; plain log lines in a pipe, a file or cron. */
	static RunOptions progressOptions(RunOptions options) {
		return TerminalProgress.onTerminal() ? options.withProgress(new TerminalProgress()) : options;
	}

	private JobDefinition overridden(JobDefinition loaded) {
		JobDefinition definition = loaded;
		if (output != null) {
			definition = definition.withOutput(writingTo(definition.output(), output.toAbsolutePath().normalize()));
		}
		if (calls.limits.concurrency != null) {
			definition = definition.withConcurrency(calls.limits.concurrency);
		}
		if (calls.limits.maxInFlight != null) {
			definition = definition.withMaxInFlight(calls.limits.maxInFlight);
		}
		if (noReuse) {
			definition = definition.withReuse(false);
		}
		return definition;
	}

	/**
	 * The job's output written to the {@code --output} file instead: in the format the
	 * file's extension names, unless the job file declares {@code format}.
	 * @throws CommandException when the extension names no format (and none is declared),
	 * or the job writes into a copy of its workbook and the file is not a workbook
	 */
	static OutputSpec writingTo(OutputSpec spec, Path file) {
		OutputFormat format = spec.formatFor(file);
		if (format == null) {
			throw new CommandException("--output " + file + ": cannot tell the output format from "
					+ OutputFormat.describeExtensionOf(file.toString()) + ". Name a file ending in "
					+ OutputFormat.describeExtensions() + ", or set format: under output in the job file.");
		}
		if (spec.intoWorkbook() && format != OutputFormat.XLSX) {
			throw new CommandException("--output " + file + ": the job writes its results into a copy of the input"
					+ " workbook (into-workbook: true), so the output must be an .xlsx or .xlsm file, not "
					+ format.name().toLowerCase(Locale.ROOT) + ".");
		}
		return spec.withPath(file);
	}

	static void requireApiKey() {
		String key = System.getenv("ZAI_API_KEY");
		if (key == null || key.isBlank()) {
			throw new CommandException("Set the ZAI_API_KEY environment variable to your Z.AI API key"
					+ " (or add --simulate to run offline against the built-in simulator).");
		}
	}

	private static void printPlan(JobDefinition definition, PrintStream out) {
		out.printf("Job:     %s (%s)%n", definition.name(), definition.file());
		out.printf("Input:   %s%n", definition.input().path());
		out.printf("Model:   %s, thinking %s, chunk %d, concurrency %d%n", definition.model(),
				definition.thinking().name().toLowerCase(), definition.chunkSize(), definition.concurrency());
		if (definition.budget().isLimited()) {
			out.printf("Budget:  %s%n", definition.budget());
		}
	}

	/** This command line again, without {@code --new}: it resumes the run it started. */
	private String resumeCommand() {
		List<String> words = new ArrayList<>();
		for (String arg : spec.commandLine().getParseResult().originalArgs()) {
			if (!arg.equals("--new")) {
				words.add(arg);
			}
		}
		return JarCommand.with(words);
	}

}
