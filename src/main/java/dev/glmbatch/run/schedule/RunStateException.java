package dev.glmbatch.run.schedule;

/**
 * The run is in a state that does not allow the request, e.g. stopping a run that has
 * finished.
 */
public final class RunStateException extends RuntimeException {

	public RunStateException(String message) {
		super(message);
	}

}
