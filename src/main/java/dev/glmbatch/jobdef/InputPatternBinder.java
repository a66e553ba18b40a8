package dev.glmbatch.jobdef;

import java.nio.file.FileSystems;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Binds {@code input.pattern} and {@code input.processed} to an {@link InputPattern}. The pattern's folder part is
 * a plain path relative to the job file's folder; wildcards belong in the file name only, so that the folder to
 * watch is known.
 */
final class InputPatternBinder {

	private static final String EXAMPLE = "pattern: ../input/incoming/*.csv";

	private InputPatternBinder() {
	}

	/** The pattern, or {@code null} when the section has none or it is invalid (then a problem is recorded). */
	static @Nullable InputPattern bind(YamlSection input, JobFolder folder, Problems problems) {
		if (input.has(FolderInputBinder.FOLDER)) {
			// with folder, pattern selects the folder's files: FolderInputBinder binds it
			return null;
		}
		if (!input.has("pattern")) {
			if (input.has("processed")) {
				problems.add(input.nodeOrSelf("processed"),
						"processed names where completed inputs go, but this job reads one file (input.path)",
						"remove processed, or replace path with a pattern, e.g. " + EXAMPLE);
			}
			return null;
		}
		if (input.has("path")) {
			problems.add(input.nodeOrSelf("path"), "input has both path and pattern",
					"keep path to process one file, or pattern to process every new matching file");
			return null;
		}
		String written = input.text("pattern", true, EXAMPLE);
		if (written == null) {
			return null;
		}
		YamlNode node = input.nodeOrSelf("pattern");
		String normalised = written.replace('\\', '/');
		int slash = normalised.lastIndexOf('/');
		String folderPart = (slash < 0) ? "." : normalised.substring(0, Math.max(slash, 1));
		String glob = normalised.substring(slash + 1);
		if (folderPart.matches(".*[*?\\[\\]{}].*")) {
			problems.add(node, "'" + written + "' has wildcards in its folder part",
					"put wildcards in the file name only, e.g. " + EXAMPLE);
			return null;
		}
		if (glob.isEmpty() || !glob.matches(".*[*?\\[{].*")) {
			problems.add(node, "'" + written + "' is not a file-name pattern (it has no * or ?)",
					"end it with a file-name pattern, e.g. " + EXAMPLE + ", or use path: for a single file");
			return null;
		}
		try {
			FileSystems.getDefault().getPathMatcher("glob:" + glob);
		}
		catch (IllegalArgumentException ex) {
			problems.add(node, "'" + glob + "' is not a valid file-name pattern: " + ex.getMessage(),
					"use * for any characters and ? for one, e.g. " + EXAMPLE);
			return null;
		}
		Path patternFolder = folder.resolve(folderPart, node, problems);
		Path processed = null;
		if (input.has("processed")) {
			String processedWritten = input.text("processed", false, "processed: ../input/processed");
			processed = (processedWritten != null)
					? folder.resolve(processedWritten, input.nodeOrSelf("processed"), problems) : null;
			if (processed != null && processed.equals(patternFolder)) {
				problems.add(input.nodeOrSelf("processed"), "processed is the folder the pattern watches",
						"move completed inputs to another folder, e.g. processed: ../input/processed");
				return null;
			}
		}
		return (patternFolder != null) ? new InputPattern(patternFolder, glob, processed) : null;
	}

}
