package dev.glmbatch.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.glmbatch.jobdef.OutputFormat;
import dev.glmbatch.run.RunExports;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true,
		description = { "Writes a finished run's results again, in any format, without any GLM call.",
				"No API key is needed: the rows the run has kept are written atomically, formula-guarded, and into a",
				"copy of the input workbook for a job that writes back into it." },
		footer = { "%nWith neither option, the run's output file is written again; with --format alone, beside it",
				"with that format's extension.", ExitCode.HELP })
final class ExportCommand implements Callable<Integer> {

	@Parameters(index = "0", paramLabel = "RUN", description = "The run id, as printed by run, list and status.")
	private long runId;

	@Option(names = "--output", paramLabel = "FILE",
			description = "Write this file; its extension (.csv, .xlsx, .xlsm, .jsonl) sets the format.")
	private @Nullable Path output;

	@Option(names = "--format", paramLabel = "FORMAT",
			description = "csv, xlsx or jsonl, whatever the file's extension.")
	private @Nullable String format;

	@Override
	public Integer call() {
		OutputFormat chosen = (format != null) ? formatNamed(format) : null;
		try (ConfigurableApplicationContext context = SpringRuntime.startReading()) {
			RunExports.Export export = context.getBean(RunExports.class)
				.export(runId, (output != null) ? output.toAbsolutePath().normalize() : null, chosen);
			System.out.printf("Exported run %d: %d rows (%d done, %d rejected) to %s (%s), without any call.%n",
					export.runId(), export.rowCount(), export.done(), export.rejected(), export.file(),
					export.formatName());
			return ExitCode.DONE;
		}
	}

	private static OutputFormat formatNamed(String name) {
		OutputFormat format = OutputFormat.ofName(name);
		if (format == null) {
			throw new CommandException(
					"--format " + name + ": not a format glm-batch writes; give csv, xlsx or jsonl.");
		}
		return format;
	}

}
