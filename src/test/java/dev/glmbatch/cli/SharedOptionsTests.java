package dev.glmbatch.cli;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The options that several commands share are declared once ({@link GlmEndpointOptions},
 * {@link CallLimitOptions}, {@link SimulateOption}, and the three together for the
 * commands that work a run, {@link RunCallOptions}) and every command that had them still
 * takes them, with a help line.
 */
class SharedOptionsTests {

	private static final Map<String, List<String>> SHARED = Map.of("run",
			List.of("--base-url", "--dialect", "--concurrency", "--max-in-flight", "--simulate"), "restart",
			List.of("--base-url", "--dialect", "--concurrency", "--max-in-flight", "--simulate"), "retry",
			List.of("--base-url", "--dialect", "--concurrency", "--max-in-flight", "--simulate"), "serve",
			List.of("--base-url", "--dialect", "--simulate"));

	@ParameterizedTest
	@ValueSource(strings = { "run", "restart", "retry", "serve" })
	void eachCommandTakesItsSharedOptionsWithAHelpLine(String command) {
		CommandLine subcommand = new CommandLine(new GlmBatchCommand()).getSubcommands().get(command);

		for (String name : SHARED.get(command)) {
			OptionSpec option = subcommand.getCommandSpec().findOption(name);
			assertThat(option).as(command + " " + name).isNotNull();
			assertThat(String.join(" ", option.description())).as(command + " " + name).isNotBlank();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "run", "restart", "retry" })
	void theSharedOptionsReachTheCommand(String command) {
		CommandLine commandLine = new CommandLine(new GlmBatchCommand());

		commandLine.parseArgs(command, command.equals("run") ? "job.yaml" : "7", "--base-url", "http://127.0.0.1:9/v1",
				"--dialect", "OPENAI_COMPATIBLE", "--concurrency", "3", "--max-in-flight", "4", "--simulate");

		RunCallOptions calls = (RunCallOptions) commandLine.getSubcommands()
			.get(command)
			.getCommandSpec()
			.mixins()
			.get("calls")
			.userObject();
		GlmEndpointOptions endpoint = calls.endpoint;
		assertThat(endpoint.baseUrl).isEqualTo("http://127.0.0.1:9/v1");
		assertThat(endpoint.dialect).isEqualTo("OPENAI_COMPATIBLE");
		CallLimitOptions limits = calls.limits;
		assertThat(limits.concurrency).isEqualTo(3);
		assertThat(limits.maxInFlight).isEqualTo(4);
		SimulateOption offline = calls.offline;
		assertThat(offline.simulate).isTrue();
	}

}
