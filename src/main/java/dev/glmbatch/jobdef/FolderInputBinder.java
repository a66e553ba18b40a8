package dev.glmbatch.jobdef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.glmbatch.jobdef.YamlSection.ListRule;

/**
 * Binds an {@code input} section that names a {@code folder}: the folder's files matching
 * {@code pattern} (one glob or a list of them; every file when absent) are the rows.
 */
final class FolderInputBinder {

	static final String FOLDER = "folder";

	static final List<String> KEYS = List.of(FOLDER, "pattern", "id-column");

	private static final String EXAMPLE = "pattern: \"**/*.pdf\" (or a list: pattern: [\"*.pdf\", \"*.html\"])";

	private FolderInputBinder() {
	}

	static Bound<InputSpec> bind(YamlSection input, JobFolder folder) {
		input.allowOnly(KEYS);
		Bound<Path> path = input.requiredText(FOLDER, "folder: ../input/contracts")
			.then((written) -> folder.resolve(written, input.nodeOrSelf(FOLDER), input));
		Bound<List<String>> patterns = patterns(input);
		Bound<String> idColumn = input.text("id-column", "id-column: path");
		return input
			.complete(() -> InputSpec.ofFolder(path.get(), new FolderSelection(patterns.get()), idColumn.orNull()));
	}

	/**
	 * The globs, relative to the folder with / between names; every file ({@code **})
	 * when absent.
	 */
	private static Bound<List<String>> patterns(YamlSection input) {
		Bound<List<String>> written = (input.node("pattern") instanceof YamlList)
				? input.texts("pattern", EXAMPLE, ListRule.REQUIRED, ListRule.UNIQUE)
				: input.text("pattern", EXAMPLE).map(List::of);
		return written.orDefault(List.of("**")).then((patterns) -> {
			List<JobFileProblem> wrong = new ArrayList<>();
			for (String pattern : patterns) {
				wrong.addAll(glob(input, pattern).problems());
			}
			return wrong.isEmpty() ? Bound.of(patterns.stream().map(FolderInputBinder::normalised).toList())
					: Bound.invalid(wrong);
		});
	}

	private static Bound<String> glob(YamlSection input, String pattern) {
		String glob = normalised(pattern);
		try {
			FolderSelection.matcher(glob);
		}
		catch (IllegalArgumentException ex) {
			return input.invalid("pattern", "'" + pattern + "' is not a valid file pattern: " + ex.getMessage(),
					"use * for any characters in a name, ** for any folders, e.g. " + EXAMPLE);
		}
		if (glob.startsWith("/") || glob.startsWith("../") || glob.contains("/../")) {
			return input.invalid("pattern", "'" + pattern + "' leaves the folder",
					"write patterns relative to the folder, e.g. " + EXAMPLE);
		}
		return Bound.of(glob);
	}

	private static String normalised(String pattern) {
		return pattern.strip().replace('\\', '/');
	}

}
