package dev.glmbatch.jobdef;

import java.nio.file.FileSystems;
import java.nio.file.Path;

/**
 * Binds {@code input.pattern} and {@code input.processed} to an {@link InputPattern}. The
 * pattern's folder part is a plain path relative to the job file's folder; wildcards
 * belong in the file name only, so that the folder to watch is known.
 */
final class InputPatternBinder {

	private static final String EXAMPLE = "pattern: ../input/incoming/*.csv";

	private InputPatternBinder() {
	}

	/**
	 * The pattern; no value when the section has none, or names a folder (whose pattern
	 * selects its files).
	 */
	static Bound<InputPattern> bind(YamlSection input, JobFolder folder) {
		if (input.has(FolderInputBinder.FOLDER)) {
			// with folder, pattern selects the folder's files: FolderInputBinder binds it
			return Bound.absent();
		}
		if (!input.has("pattern")) {
			return input.has("processed") ? input.invalid("processed",
					"processed names where completed inputs go, but this job reads one file (input.path)",
					"remove processed, or replace path with a pattern, e.g. " + EXAMPLE) : Bound.absent();
		}
		if (input.has("path")) {
			return input.invalid("path", "input has both path and pattern",
					"keep path to process one file, or pattern to process every new matching file");
		}
		return input.requiredText("pattern", EXAMPLE).then((written) -> pattern(input, folder, written));
	}

	private static Bound<InputPattern> pattern(YamlSection input, JobFolder folder, String written) {
		YamlNode node = input.nodeOrSelf("pattern");
		String normalised = written.replace('\\', '/');
		int slash = normalised.lastIndexOf('/');
		String folderPart = (slash < 0) ? "." : normalised.substring(0, Math.max(slash, 1));
		String glob = normalised.substring(slash + 1);
		if (folderPart.matches(".*[*?\\[\\]{}].*")) {
			return input.invalid(node, "'" + written + "' has wildcards in its folder part",
					"put wildcards in the file name only, e.g. " + EXAMPLE);
		}
		if (glob.isEmpty() || !glob.matches(".*[*?\\[{].*")) {
			return input.invalid(node, "'" + written + "' is not a file-name pattern (it has no * or ?)",
					"end it with a file-name pattern, e.g. " + EXAMPLE + ", or use path: for a single file");
		}
		try {
			FileSystems.getDefault().getPathMatcher("glob:" + glob);
		}
		catch (IllegalArgumentException ex) {
			return input.invalid(node, "'" + glob + "' is not a valid file-name pattern: " + ex.getMessage(),
					"use * for any characters and ? for one, e.g. " + EXAMPLE);
		}
		Bound<Path> patternFolder = folder.resolve(folderPart, node, input);
		Bound<Path> processed = input.text("processed", "processed: ../input/processed")
			.then((text) -> folder.resolve(text, input.nodeOrSelf("processed"), input));
		if (processed.isPresent() && processed.get().equals(patternFolder.orNull())) {
			return input.invalid("processed", "processed is the folder the pattern watches",
					"move completed inputs to another folder, e.g. processed: ../input/processed");
		}
		return input.complete(() -> new InputPattern(patternFolder.get(), glob, processed.orNull()));
	}

}
