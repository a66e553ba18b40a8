package dev.glmbatch.cli;

import java.io.PrintWriter;
import java.util.Map;

import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.jobdef.ClosestName;
import dev.glmbatch.jobdef.JobDefinitionException;
import dev.glmbatch.run.RunRefusedException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/** The root command: {@code java -jar glm-batch.jar <command>}. */
@Command(name = "glm-batch", mixinStandardHelpOptions = true, version = "glm-batch 0.1.0",
		description = "Bulk content jobs (translate, ...) on Z.AI GLM models, restartable, never paying twice.",
		subcommands = { RunCommand.class, ValidateCommand.class, EstimateCommand.class, RestartCommand.class,
				StatusCommand.class, ListCommand.class, StopCommand.class, PruneCommand.class, SimulatorCommand.class,
				BenchCommand.class, ServeCommand.class, ExportCommand.class, RetryCommand.class, WorkerCommand.class },
		footer = ExitCode.HELP)
public final class GlmBatchCommand implements Runnable {

	/** Set by {@code --debug}; read by the error handlers and {@link SpringRuntime}. */
	private static volatile boolean debug;

	/**
	 * The {@code --NAME=VALUE} properties of the command line
	 * ({@link PropertyArguments}).
	 */
	private static volatile Map<String, String> properties = Map.of();

	@Option(names = "--debug", scope = ScopeType.INHERIT,
			description = "On an error, print its stack trace and Spring's start-up diagnostics (for a bug report).")
	void setDebug(boolean value) {
		debug = value;
	}

	/** Whether {@code --debug} was given: only then do errors come with stack traces. */
	static boolean debug() {
		return debug;
	}

	@Override
	public void run() {
		new CommandLine(this).setUsageHelpWidth(120).usage(System.out);
	}

	/**
	 * The Spring Boot properties given on the command line: they outrank the environment
	 * and {@code application.properties}.
	 */
	static Map<String, String> properties() {
		return properties;
	}

	/** Parses and runs a command line; returns the process exit code. */
	public static int execute(String... args) {
		PropertyArguments commandLineProperties = PropertyArguments.of(args);
		properties = commandLineProperties.properties();
		CommandLine commandLine = new CommandLine(new GlmBatchCommand());
		// the help texts are written in lines of up to 120 characters; 80 would break
		// each of them in two
		commandLine.setUsageHelpWidth(120);
		commandLine.setParameterExceptionHandler((ex, arguments) -> {
			PrintWriter err = ex.getCommandLine().getErr();
			err.println(ex.getMessage());
			// a mistyped command or option: "Did you mean: list?" says more than the
			// whole usage
			String command = (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty())
					? closestCommand(ex.getCommandLine(), unmatched.getUnmatched().get(0)) : null;
			if (command != null) {
				err.println("Did you mean: " + command + "?");
			}
			else if (!UnmatchedArgumentException.printSuggestions(ex, err)) {
				ex.getCommandLine().usage(err);
			}
			return ExitCode.USAGE;
		});
		commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
			PrintWriter err = cmd.getErr();
			if (isUserError(ex)) {
				err.println(ex.getMessage());
				if (debug && ex.getCause() != null) {
					ex.getCause().printStackTrace(err);
				}
				return ExitCode.USAGE;
			}
			err.println("glm-batch failed unexpectedly: "
					+ java.util.Objects.toString(ex.getMessage(), ex.getClass().getSimpleName())
					+ (debug ? "" : " (run again with --debug for the stack trace)"));
			if (debug) {
				ex.printStackTrace(err);
			}
			return ExitCode.JOB_FAILED;
		});
		return commandLine.execute(commandLineProperties.arguments().toArray(String[]::new));
	}

	/**
	 * The subcommand a mistyped word most likely meant ({@code lst}: {@code list}), by
	 * edit distance, or {@code null} when none is close. Picocli's own suggestions
	 * compare letter pairs, which ranks {@code stop} and {@code status} above
	 * {@code list} for {@code lst}.
	 */
	static @Nullable String closestCommand(CommandLine commandLine, String written) {
		return ClosestName.among(written, commandLine.getSubcommands().keySet());
	}

	private static boolean isUserError(Exception ex) {
		return ex instanceof CommandException || ex instanceof JobDefinitionException
				|| ex instanceof InputFormatException || ex instanceof RunRefusedException;
	}

}
