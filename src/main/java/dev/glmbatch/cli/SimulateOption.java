package dev.glmbatch.cli;

import picocli.CommandLine.Option;

/**
 * Offline work against the built-in GLM simulator ({@code run}, {@code restart},
 * {@code serve}).
 */
final class SimulateOption {

	@Option(names = "--simulate",
			description = "Work offline against the built-in GLM simulator, started on a free loopback port.")
	boolean simulate;

}
