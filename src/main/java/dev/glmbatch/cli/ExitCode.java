package dev.glmbatch.cli;

/** The process exit codes, documented in the README and in {@code --help}. */
public final class ExitCode {

	/** The command did what was asked (a job completed, or had already completed). */
	public static final int DONE = 0;

	/** Bad usage or configuration: nothing was run. */
	public static final int USAGE = 1;

	/** The job failed; it can be resumed. */
	public static final int JOB_FAILED = 2;

	/** The job was stopped or paused; it can be resumed. */
	public static final int JOB_STOPPED = 3;

	static final String HELP = "%nExit codes: 0 done, 1 usage or configuration error, 2 job failed (resumable),"
			+ " 3 job stopped or paused (resumable).";

	private ExitCode() {
	}

}
