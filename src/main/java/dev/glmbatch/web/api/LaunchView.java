package dev.glmbatch.web.api;

import java.util.List;

import dev.glmbatch.run.schedule.Launch;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a start or resume request.
 *
 * @param job the job name
 * @param outcome STARTED (a new run), RESUMED (an unfinished run resumed),
 * ALREADY_COMPLETED or SWEEP (a pattern job goes through its files in the background)
 * @param runId the run, or {@code null} for a sweep
 * @param href where to follow the run, or {@code null} for a sweep
 * @param files for a sweep, the matching input files (completed ones are skipped)
 */
record LaunchView(String job, String outcome, @Nullable Long runId, @Nullable String href, List<String> files) {

	static LaunchView of(Launch launch) {
		return new LaunchView(launch.job(), launch.kind().name(), launch.runId(),
				launch.runId() != null ? "/api/runs/" + launch.runId() : null, launch.files());
	}

}
