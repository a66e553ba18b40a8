package dev.glmbatch.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.jobdef.MessageText;

/**
 * An input file that cannot be used as it is. Raised before any row is processed when
 * {@link InputFiles#inspect inspection} finds the problem, or by a reader when the file
 * changed under it. The message names the file and, where known, the line, column and
 * byte offset, then says what to do:
 * {@code <file>: line <n>[, column '<c>'][, byte offset <o>]: <problem>. <hint>.}
 * <p>
 * A problem confined to one row (a ragged row) is not an exception: the reader returns a
 * rejected {@link SourceRow} instead.
 */
public final class InputFormatException extends RuntimeException {

	private final Path file;

	private final long line;

	private final @Nullable String column;

	private final long byteOffset;

	private final String problem;

	private final String hint;

	/**
	 * @param file the input file
	 * @param line the 1-based physical line, or 0 when no single line is to blame
	 * @param column the column (header name) involved, or {@code null}
	 * @param byteOffset the 0-based byte offset in the file, or -1 when not known
	 * @param problem what is wrong, without a final full stop
	 * @param hint what the user can do about it (a final full stop is added when missing)
	 */
	public InputFormatException(Path file, long line, @Nullable String column, long byteOffset, String problem,
			String hint) {
		this(file, line, column, byteOffset, problem, hint, null);
	}

	public InputFormatException(Path file, long line, @Nullable String column, long byteOffset, String problem,
			String hint, @Nullable Throwable cause) {
		super(format(file, line, column, byteOffset, problem, hint), cause);
		this.file = Objects.requireNonNull(file, "file");
		this.line = Math.max(0, line);
		this.column = column;
		this.byteOffset = Math.max(-1, byteOffset);
		this.problem = Objects.requireNonNull(problem, "problem");
		this.hint = Objects.requireNonNull(hint, "hint");
	}

	private static String format(Path file, long line, @Nullable String column, long byteOffset, String problem,
			String hint) {
		StringBuilder message = new StringBuilder().append(file).append(": ");
		StringBuilder location = new StringBuilder();
		if (line > 0) {
			location.append("line ").append(line);
		}
		if (column != null) {
			location.append(location.isEmpty() ? "" : ", ")
				.append("column '")
				.append(MessageText.cap(column))
				.append('\'');
		}
		if (byteOffset >= 0) {
			location.append(location.isEmpty() ? "" : ", ").append("byte offset ").append(byteOffset);
		}
		if (!location.isEmpty()) {
			message.append(location).append(": ");
		}
		message.append(problem).append('.');
		if (!hint.isBlank()) {
			message.append(' ').append(hint);
			if (!hint.endsWith(".")) {
				message.append('.');
			}
		}
		return message.toString();
	}

	/**
	 * What opening an input file failed with: a missing or unreadable file is an
	 * {@code InputFormatException} that says what to do; any other I/O failure stays an
	 * I/O failure.
	 */
	public static RuntimeException whenOpening(Path file, IOException ex) {
		if (ex instanceof NoSuchFileException) {
			return new InputFormatException(file, 0, null, -1, "the file does not exist",
					"Check the input path in the job file", ex);
		}
		if (ex instanceof AccessDeniedException) {
			return new InputFormatException(file, 0, null, -1, "the file cannot be read (permission denied)",
					"Give the user running the job read access to the file", ex);
		}
		return new UncheckedIOException("Cannot open " + file, ex);
	}

	public Path file() {
		return file;
	}

	/**
	 * The 1-based physical line (header = line 1 unless preceded by a {@code sep=} line),
	 * or 0 when n/a.
	 */
	public long line() {
		return line;
	}

	public @Nullable String column() {
		return column;
	}

	/** The 0-based byte offset in the file, or -1 when n/a. */
	public long byteOffset() {
		return byteOffset;
	}

	public String problem() {
		return problem;
	}

	public String hint() {
		return hint;
	}

}
