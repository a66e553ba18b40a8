package dev.glmbatch.cli;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * How many GLM calls a run keeps in flight ({@code run}, {@code restart}).
 */
final class CallLimitOptions {

	@Option(names = "--concurrency", paramLabel = "N",
			description = "GLM calls in flight at once (default: the job's concurrency; restart: the run's).")
	@Nullable Integer concurrency;

	@Option(names = "--max-in-flight", paramLabel = "N",
			description = "The account's in-flight limit on the job's model (default: the job's max-in-flight, then glm.max-in-flight, then the model table; restart: the run's).")
	@Nullable Integer maxInFlight;

	/**
	 * Refuses a limit below one, before anything starts.
	 * @throws CommandException naming the option
	 */
	void requireValid() {
		if (concurrency != null && concurrency < 1) {
			throw new CommandException("--concurrency must be at least 1");
		}
		if (maxInFlight != null && maxInFlight < 1) {
			throw new CommandException("--max-in-flight must be at least 1");
		}
	}

}
