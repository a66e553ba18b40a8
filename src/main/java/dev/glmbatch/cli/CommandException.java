package dev.glmbatch.cli;

import org.jspecify.annotations.Nullable;

/**
 * A usage or configuration problem, reported as one message and exit code 1; its cause is
 * printed only with {@code --debug}.
 */
final class CommandException extends RuntimeException {

	CommandException(String message) {
		super(message);
	}

	CommandException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
