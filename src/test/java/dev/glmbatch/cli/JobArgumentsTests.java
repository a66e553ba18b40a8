package dev.glmbatch.cli;

import java.nio.file.Path;
import java.util.stream.Stream;

import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.testsupport.SweepJobFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The job file and {@code --input} of {@code run}, {@code validate} and {@code estimate}:
 * declared once, read the same way by each, and a job that reads every file matching a
 * pattern needs {@code --input} to name one.
 */
class JobArgumentsTests {

	@ParameterizedTest
	@ValueSource(strings = { "run", "validate", "estimate" })
	void eachCommandTakesTheJobFileAndInputWithAHelpLine(String command, @TempDir Path dir) {
		CommandLine commandLine = new CommandLine(new GlmBatchCommand());
		Path input = dir.resolve("other.csv");

		commandLine.parseArgs(command, "jobs/some.yaml", "--input", input.toString());

		CommandLine subcommand = commandLine.getSubcommands().get(command);
		OptionSpec option = subcommand.getCommandSpec().findOption("--input");
		assertThat(String.join(" ", option.description())).isNotBlank();
		assertThat(subcommand.getCommandSpec().positionalParameters()).singleElement()
			.satisfies(job -> assertThat(job.paramLabel()).isEqualTo("JOB"));
		JobArguments job = (JobArguments) subcommand.getCommandSpec().mixins().get("job").userObject();
		assertThat(job.input()).isEqualTo(input.toAbsolutePath());
	}

	@Test
	void aJobThatReadsAPatternNeedsTheInputNamed(@TempDir Path dir) {
		SweepJobFixture sweep = SweepJobFixture.aSweepJob(dir).named("swept");
		sweep.write();
		sweep.drop("a.csv", "A", 3);
		JobArguments job = parsed(sweep.jobFile().toString());

		assertThatExceptionOfType(CommandException.class)
			.isThrownBy(() -> job.definition(job.load(), "Estimate one of them with --input FILE"))
			.withMessage("Job 'swept' reads every file matching " + sweep.incoming().resolve("*.csv")
					+ ". Estimate one of them with --input FILE.");

		Path named = sweep.incoming().resolve("a.csv");
		JobArguments withInput = parsed(sweep.jobFile().toString(), "--input", named.toString());
		JobDefinition definition = withInput.definition(withInput.load(), "unused");
		assertThat(definition.input().path()).isEqualTo(named.toAbsolutePath().normalize());
		assertThat(definition.output().path()).as("the output named after the input file").endsWith("-a.csv");
	}

	private static JobArguments parsed(String... arguments) {
		CommandLine commandLine = new CommandLine(new GlmBatchCommand());
		commandLine.parseArgs(Stream.concat(Stream.of("estimate"), Stream.of(arguments)).toArray(String[]::new));
		return (JobArguments) commandLine.getSubcommands()
			.get("estimate")
			.getCommandSpec()
			.mixins()
			.get("job")
			.userObject();
	}

}
