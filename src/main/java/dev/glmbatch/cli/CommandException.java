package dev.glmbatch.cli;

/** A usage or configuration problem, reported as one message and exit code 1. */
final class CommandException extends RuntimeException {

	CommandException(String message) {
		super(message);
	}

}
