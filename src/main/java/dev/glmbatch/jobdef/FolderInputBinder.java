package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Binds an {@code input} section that names a {@code folder}: the folder's files matching {@code pattern} (one glob or
 * a list of them; every file when absent) are the rows.
 */
final class FolderInputBinder {

	static final String FOLDER = "folder";

	static final List<String> KEYS = List.of(FOLDER, "pattern", "id-column");

	private static final String EXAMPLE = "pattern: \"**/*.pdf\" (or a list: pattern: [\"*.pdf\", \"*.html\"])";

	private FolderInputBinder() {
	}

	static @Nullable InputSpec bind(YamlSection input, JobFolder folder, Problems problems) {
		int before = problems.count();
		input.allowOnly(KEYS);
		String written = input.text(FOLDER, true, "folder: ../input/contracts");
		Path path = (written != null) ? folder.resolve(written, input.nodeOrSelf(FOLDER), problems) : null;
		List<String> patterns = patterns(input, problems);
		String idColumn = input.text("id-column", false, "id-column: path");
		if (problems.count() > before || path == null || patterns == null) {
			return null;
		}
		return InputSpec.ofFolder(path, new FolderSelection(patterns), idColumn);
	}

	private static @Nullable List<String> patterns(YamlSection input, Problems problems) {
		if (!input.has("pattern")) {
			return List.of("**");
		}
		List<String> patterns = (input.node("pattern") instanceof YamlList)
				? input.texts("pattern", true, true, false, EXAMPLE) : nullableList(input.text("pattern", true, EXAMPLE));
		if (patterns == null) {
			return null;
		}
		boolean valid = true;
		for (String pattern : patterns) {
			String glob = pattern.strip().replace('\\', '/');
			try {
				FolderSelection.matcher(glob);
			}
			catch (IllegalArgumentException ex) {
				problems.add(input.nodeOrSelf("pattern"), "'" + pattern + "' is not a valid file pattern: "
						+ ex.getMessage(), "use * for any characters in a name, ** for any folders, e.g. " + EXAMPLE);
				valid = false;
				continue;
			}
			if (glob.startsWith("/") || glob.startsWith("../") || glob.contains("/../")) {
				problems.add(input.nodeOrSelf("pattern"), "'" + pattern + "' leaves the folder",
						"write patterns relative to the folder, e.g. " + EXAMPLE);
				valid = false;
			}
		}
		return valid ? patterns.stream().map(pattern -> pattern.strip().replace('\\', '/')).toList() : null;
	}

	private static @Nullable List<String> nullableList(@Nullable String pattern) {
		return (pattern != null) ? List.of(pattern) : null;
	}

}
