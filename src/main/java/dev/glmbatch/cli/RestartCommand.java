package dev.glmbatch.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.glmbatch.run.Preflight;
import dev.glmbatch.run.RunOptions;
import dev.glmbatch.run.RunOutcome;
import dev.glmbatch.run.Runs;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "restart", mixinStandardHelpOptions = true,
		description = { "Resumes a failed, stopped or killed run by its id, with the job file and input it started with.",
				"The API key comes from ZAI_API_KEY; the GLM endpoint from glm.base-url (see README)." },
		footer = ExitCode.HELP)
final class RestartCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "ID", description = "The run id, as printed by run, list and status.")
	private long runId;

	@Override
	public Integer call() {
		PrintStream out = System.out;
		GracefulShutdown shutdown = new GracefulShutdown(System.err);
		ConfigurableApplicationContext context;
		try {
			context = SpringRuntime.start(Map.of());
		}
		catch (RuntimeException ex) {
			shutdown.commandAborted();
			throw ex;
		}
		try (context) {
			Runs runs = context.getBean(Runs.class);
			shutdown.attach(runs);
			RunOutcome outcome;
			try {
				context.getBean(Preflight.class).requireAcceptedKey();
				outcome = runs.restart(runId, RunCommand.progressOptions(RunOptions.RESUME_OR_START));
			}
			catch (RuntimeException ex) {
				shutdown.commandAborted();
				String diskFull = DiskFull.message(ex, runs.stateDatabase().describe());
				if (diskFull != null) {
					System.err.println(diskFull);
					return ExitCode.JOB_FAILED;
				}
				throw ex;
			}
			RunReport.print(outcome, out);
			int code = RunReport.exitCode(outcome);
			if (outcome.failure() != null) {
				System.err.printf("Run %d %s: %s%nResume with: java -jar target/glm-batch.jar restart %d%n", runId,
						outcome.status().name().toLowerCase(), outcome.failure(), runId);
			}
			context.close();
			shutdown.commandFinished(code);
			return code;
		}
	}

}
