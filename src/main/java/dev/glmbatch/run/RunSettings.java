package dev.glmbatch.run;

import org.jspecify.annotations.Nullable;

/**
 * The endpoint and limits a run was given, kept with the run so that {@code restart}
 * resumes it where it ran (a self-hosted server, a simulator) and as fast as it ran,
 * rather than against the default endpoint. Never the API key: it comes from the
 * environment at each start.
 *
 * @param baseUrl the GLM API base URL; {@code null} when not known (a run of an earlier
 * version) or simulated
 * @param dialect the GLM dialect ({@code zai}, {@code openai-compatible}), or
 * {@code null} when not known
 * @param maxInFlight the account's in-flight limit per model given with
 * {@code --max-in-flight}, or {@code null}
 * @param concurrency the job's concurrency given with {@code --concurrency} (instead of
 * the job file's), or {@code null}
 * @param simulated whether the run ran against the built-in simulator
 * ({@code --simulate}): resumed against a new one
 */
public record RunSettings(@Nullable String baseUrl, @Nullable String dialect, @Nullable Integer maxInFlight,
		@Nullable Integer concurrency, boolean simulated) {

	/** Nothing known or given: the configuration of the process that runs it applies. */
	public static final RunSettings NONE = new RunSettings(null, null, null, null, false);

	public RunSettings {
		if (simulated) {
			baseUrl = null;
		}
	}

	/**
	 * These settings with what {@code overrides} gives winning: a base URL given there
	 * ends a simulation, and a simulation given there replaces the base URL.
	 */
	public RunSettings overriddenBy(RunSettings overrides) {
		boolean simulate = overrides.simulated || (simulated && overrides.baseUrl == null);
		String url = (overrides.baseUrl != null) ? overrides.baseUrl : baseUrl;
		return new RunSettings(url, (overrides.dialect != null) ? overrides.dialect : dialect,
				(overrides.maxInFlight != null) ? overrides.maxInFlight : maxInFlight,
				(overrides.concurrency != null) ? overrides.concurrency : concurrency, simulate);
	}

}
