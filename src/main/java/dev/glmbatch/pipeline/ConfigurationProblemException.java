package dev.glmbatch.pipeline;

/**
 * The first rows of a run all failed the same way, so every row would: the job, not its
 * rows, must change. The run fails, resumable, without rejecting those rows; the resume
 * after the fix processes them.
 */
public final class ConfigurationProblemException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	ConfigurationProblemException(String message) {
		super(message, null, false, false);
	}

}
