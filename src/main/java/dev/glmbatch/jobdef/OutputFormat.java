package dev.glmbatch.jobdef;

/** Formats a job can write. */
public enum OutputFormat {

	CSV

}
