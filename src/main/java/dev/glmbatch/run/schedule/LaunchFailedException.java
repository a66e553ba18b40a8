package dev.glmbatch.run.schedule;

/**
 * A run could not start: the job file, its input or the state database refused it. The
 * message says why.
 */
public final class LaunchFailedException extends RuntimeException {

	public LaunchFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
