package dev.glmbatch.cli;

import java.nio.file.FileSystemException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Recognises a failure whose cause is a full disk or a file-size limit
 * ({@code ulimit -f}), wherever it sits among an exception's causes: the state database
 * wraps it in several layers, and every statement after the first failed write only says
 * that the database has been closed, with the write failure as its cause. Such a failure
 * needs space, not a bug report: the command says so in one line, and nothing is lost,
 * since what was committed stays committed and the same command resumes.
 */
final class DiskFull {

	/**
	 * How the operating system words it, on Linux, macOS and Windows, and how PostgreSQL
	 * does.
	 */
	private static final List<String> SIGNS = List.of("no space left on device", "file too large",
			"disk quota exceeded", "not enough space on the disk", "there is not enough space",
			"could not extend file");

	private DiskFull() {
	}

	/**
	 * The one-line message for a disk-full failure, or {@code null} when {@code failure}
	 * is something else.
	 * @param where the file or folder to name when the failure does not say which file it
	 * is about (the state database, for a failure inside it)
	 */
	static @Nullable String message(Throwable failure, String where) {
		String file = null;
		boolean full = false;
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<Throwable> next = new ArrayDeque<>(List.of(failure));
		while (!next.isEmpty()) {
			Throwable cause = next.pop();
			if (!seen.add(cause)) {
				continue;
			}
			if (cause instanceof FileSystemException fs && fs.getFile() != null && file == null
					&& isSign(fs.getReason())) {
				file = fs.getFile();
			}
			full |= isSign(cause.getMessage());
			if (cause.getCause() != null) {
				next.push(cause.getCause());
			}
			for (Throwable suppressed : cause.getSuppressed()) {
				next.push(suppressed);
			}
		}
		return full ? message((file != null) ? file : where) : null;
	}

	/**
	 * The one-line message for a run that ended with this failure text, or {@code null}
	 * when it is not about space.
	 */
	static @Nullable String message(@Nullable String failure, String where) {
		return isSign(failure) ? message(where) : null;
	}

	static String message(String where) {
		return "The disk is full (or a file-size limit was reached) at " + where
				+ "; free space and run the same command to resume. Nothing is lost: committed rows and paid answers"
				+ " are kept.";
	}

	private static boolean isSign(@Nullable String text) {
		if (text == null) {
			return false;
		}
		String lower = text.toLowerCase(Locale.ROOT);
		return SIGNS.stream().anyMatch(lower::contains);
	}

}
