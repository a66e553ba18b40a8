package dev.glmbatch.jobdef;

/** Formats a job can read. */
public enum InputFormat {

	CSV

}
