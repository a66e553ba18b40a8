package dev.glmbatch.run.schedule;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a start request did.
 *
 * @param job the job name
 * @param kind what happened
 * @param runId the run started, resumed or found completed; {@code null} for a sweep
 * @param files for a sweep, the input files it will go through (completed ones are
 * skipped then)
 */
public record Launch(String job, Kind kind, @Nullable Long runId, List<String> files) {

	public Launch {
		Objects.requireNonNull(job, "job");
		Objects.requireNonNull(kind, "kind");
		files = List.copyOf(files);
	}

	public enum Kind {

		/** A new run was started in the background. */
		STARTED,

		/**
		 * An unfinished run (failed, stopped or left by a dead process) was resumed in
		 * the background.
		 */
		RESUMED,

		/**
		 * The input had already been processed by a completed run: nothing was started.
		 */
		ALREADY_COMPLETED,

		/**
		 * The job reads files by pattern: every new matching file is processed in turn,
		 * in the background.
		 */
		SWEEP

	}

}
