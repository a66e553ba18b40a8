package dev.glmbatch.run;

/**
 * How {@code run} treats earlier runs of the same job and input.
 *
 * @param forceNew start a fresh run even when an unfinished one exists (its paid answers are not re-used)
 */
public record RunOptions(boolean forceNew) {

	public static final RunOptions RESUME_OR_START = new RunOptions(false);

}
