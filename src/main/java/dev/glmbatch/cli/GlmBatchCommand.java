package dev.glmbatch.cli;

import java.io.PrintWriter;

import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.jobdef.JobDefinitionException;
import dev.glmbatch.run.RunRefusedException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command: {@code java -jar glm-batch.jar <command>}. */
@Command(name = "glm-batch", mixinStandardHelpOptions = true, version = "glm-batch 0.1.0",
		description = "Bulk content jobs (translate, ...) on Z.AI GLM models, restartable, never paying twice.",
		subcommands = { RunCommand.class, ValidateCommand.class, EstimateCommand.class, RestartCommand.class,
				StatusCommand.class, ListCommand.class, StopCommand.class, SimulatorCommand.class, BenchCommand.class,
				ServeCommand.class },
		footer = ExitCode.HELP)
public final class GlmBatchCommand implements Runnable {

	@Override
	public void run() {
		new CommandLine(this).setUsageHelpWidth(120).usage(System.out);
	}

	/** Parses and runs a command line; returns the process exit code. */
	public static int execute(String... args) {
		CommandLine commandLine = new CommandLine(new GlmBatchCommand());
		// the help texts are written in lines of up to 120 characters; 80 would break each of them in two
		commandLine.setUsageHelpWidth(120);
		commandLine.setParameterExceptionHandler((ex, arguments) -> {
			PrintWriter err = ex.getCommandLine().getErr();
			err.println(ex.getMessage());
			ex.getCommandLine().usage(err);
			return ExitCode.USAGE;
		});
		commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
			PrintWriter err = cmd.getErr();
			if (isUserError(ex)) {
				err.println(ex.getMessage());
				return ExitCode.USAGE;
			}
			err.println("glm-batch failed unexpectedly: " + ex);
			ex.printStackTrace(err);
			return ExitCode.JOB_FAILED;
		});
		return commandLine.execute(args);
	}

	private static boolean isUserError(Exception ex) {
		return ex instanceof CommandException || ex instanceof JobDefinitionException
				|| ex instanceof InputFormatException || ex instanceof RunRefusedException;
	}

}
