package dev.glmbatch.run.schedule;

/** No run has that id. */
public final class NoSuchRunException extends RuntimeException {

	public NoSuchRunException(long runId) {
		super("There is no run " + runId + ". List the runs with GET /api/runs.");
	}

}
