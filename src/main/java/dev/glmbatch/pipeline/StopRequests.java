package dev.glmbatch.pipeline;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;

/**
 * Whether a step was asked to stop, read from its execution while it runs: a stop of this
 * process or a {@code stop ID} marks the job {@code STOPPING}, and Spring Batch marks the
 * step to terminate once its repository has seen that. The steps that wait (the
 * read-ahead for a row, the batch phase for its batch) look here instead of waiting out
 * their wait.
 */
final class StopRequests {

	private StopRequests() {
	}

	static boolean requested(StepExecution step) {
		BatchStatus job = step.getJobExecution().getStatus();
		return step.isTerminateOnly() || job == BatchStatus.STOPPING || job == BatchStatus.STOPPED;
	}

}
