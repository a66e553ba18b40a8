package dev.glmbatch.run.schedule;

/** A job already has a run going in this service; a job never runs twice at once. */
public final class JobBusyException extends RuntimeException {

	public JobBusyException(String jobName, String what) {
		super("Job '" + jobName + "' is busy (" + what + "). Wait for it to finish, or stop its run first.");
	}

}
