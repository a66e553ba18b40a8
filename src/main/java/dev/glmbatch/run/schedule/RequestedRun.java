package dev.glmbatch.run.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * A run started or resumed on request that had not ended when the service last stopped.
 *
 * @param runId the run id
 * @param jobName its job
 * @param startedAt when the service last started or resumed it
 */
record RequestedRun(long runId, String jobName, Instant startedAt) {

	RequestedRun {
		Objects.requireNonNull(jobName, "jobName");
		Objects.requireNonNull(startedAt, "startedAt");
	}

}
