package dev.glmbatch.cli;

import dev.glmbatch.run.RunSettings;
import picocli.CommandLine.Mixin;

/**
 * How the commands that work a run ({@code run}, {@code restart}, {@code retry}) call
 * GLM: the endpoint, the call limits and offline simulation, declared once for all three.
 */
final class RunCallOptions {

	@Mixin
	GlmEndpointOptions endpoint = new GlmEndpointOptions();

	@Mixin
	CallLimitOptions limits = new CallLimitOptions();

	@Mixin
	SimulateOption offline = new SimulateOption();

	/**
	 * Refuses a malformed base URL or a limit below one, before anything starts.
	 * @throws CommandException naming the option
	 */
	void requireValid() {
		endpoint.requireValid();
		limits.requireValid();
	}

	/** The settings given on the command line; those not given are {@code null}. */
	RunSettings given() {
		return new RunSettings(endpoint.baseUrl, endpoint.dialect, limits.maxInFlight, limits.concurrency,
				offline.simulate);
	}

}
