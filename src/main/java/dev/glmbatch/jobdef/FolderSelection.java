package dev.glmbatch.jobdef;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Which files of an input folder are rows: those whose path relative to the folder
 * matches one of the globs. A glob without a {@code /} ({@code *.pdf}) matches files
 * directly in the folder; {@code **} crosses folders, and a glob starting
 * {@code **}{@code /} also matches directly in the folder ({@code **}{@code /*.pdf} is
 * every PDF at any depth).
 *
 * @param patterns the globs, written with {@code /}; at least one
 */
public record FolderSelection(List<String> patterns) {

	public FolderSelection {
		patterns = List.copyOf(patterns);
		if (patterns.isEmpty()) {
			throw new IllegalArgumentException("patterns must not be empty");
		}
		for (String pattern : patterns) {
			matcher(pattern);
		}
	}

	/** Whether a file, given by its path relative to the folder, is selected. */
	public boolean matches(Path relative) {
		for (String pattern : patterns) {
			if (matcher(pattern).matches(relative)
					|| (pattern.startsWith("**/") && matcher(pattern.substring(3)).matches(relative))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether some pattern can match below the folder's top level, so that sub-folders
	 * must be searched.
	 */
	public boolean searchesSubfolders() {
		return patterns.stream().anyMatch(pattern -> pattern.contains("/") || pattern.contains("**"));
	}

	/**
	 * The matcher of one glob.
	 * @throws IllegalArgumentException when it is not a valid glob
	 */
	static PathMatcher matcher(String pattern) {
		return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
	}

	/** The globs as written, for messages. */
	public String describe() {
		List<String> quoted = new ArrayList<>();
		patterns.forEach(pattern -> quoted.add("'" + pattern + "'"));
		return String.join(", ", quoted);
	}

}
