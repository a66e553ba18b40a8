package dev.glmbatch.jobdef;

import java.time.Duration;
import java.util.List;

/**
 * Binds the caps on reading one document ({@code max-file-mb}, {@code max-pages},
 * {@code max-chars}, {@code max-seconds}, {@code max-memory-mb}) of a task that reads
 * documents; each absent one keeps its {@link DocumentLimits#DEFAULTS default}.
 */
final class DocumentLimitsBinder {

	static final String MAX_FILE_MB = "max-file-mb";

	static final String MAX_PAGES = "max-pages";

	static final String MAX_CHARS = "max-chars";

	static final String MAX_SECONDS = "max-seconds";

	static final String MAX_MEMORY_MB = "max-memory-mb";

	private static final long MB = 1024L * 1024;

	private DocumentLimitsBinder() {
	}

	/** The caps given, each absent one at its default. */
	static Bound<DocumentLimits> bind(YamlSection task) {
		DocumentLimits defaults = DocumentLimits.DEFAULTS;
		Bound<Integer> fileMb = task.integer(MAX_FILE_MB, 1, 2048, (int) (defaults.maxFileBytes() / MB));
		Bound<Integer> pages = task.integer(MAX_PAGES, 1, 1_000_000, defaults.maxPages());
		Bound<Integer> chars = task.integer(MAX_CHARS, 1_000, 100_000_000, defaults.maxChars());
		Bound<Integer> seconds = task.integer(MAX_SECONDS, 1, 3600, (int) defaults.maxTime().toSeconds());
		Bound<Integer> memoryMb = task.integer(MAX_MEMORY_MB, 1, 4096, (int) (defaults.maxMemoryBytes() / MB));
		return task.complete(() -> new DocumentLimits(fileMb.get() * MB, pages.get(), chars.get(),
				Duration.ofSeconds(seconds.get()), memoryMb.get() * MB));
	}

	/** Reports each cap given to a task that reads a column of text, not documents. */
	static void refuseForText(YamlSection task) {
		for (String key : List.of(MAX_FILE_MB, MAX_PAGES, MAX_CHARS, MAX_SECONDS, MAX_MEMORY_MB)) {
			if (task.has(key)) {
				task.report(key, key + " limits reading documents, but this task reads a column",
						"remove " + key + ", or read documents with path-column or a folder input");
			}
		}
	}

}
