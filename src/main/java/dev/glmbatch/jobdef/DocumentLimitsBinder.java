package dev.glmbatch.jobdef;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Binds the caps on reading one document ({@code max-file-mb}, {@code max-pages}, {@code max-chars},
 * {@code max-seconds}, {@code max-memory-mb}) of a task that reads documents; each absent one keeps its
 * {@link DocumentLimits#DEFAULTS default}.
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

	/**
	 * @param readsDocuments whether the task reads documents; if not, any cap is a problem
	 * @return the limits, or {@code null} when one is invalid (a problem is recorded)
	 */
	static @Nullable DocumentLimits bind(YamlSection task, boolean readsDocuments, Problems problems) {
		DocumentLimits defaults = DocumentLimits.DEFAULTS;
		if (!readsDocuments) {
			for (String key : new String[] { MAX_FILE_MB, MAX_PAGES, MAX_CHARS, MAX_SECONDS, MAX_MEMORY_MB }) {
				if (task.has(key)) {
					problems.add(task.nodeOrSelf(key), key + " limits reading documents, but this task reads a column",
							"remove " + key + ", or read documents with path-column or a folder input");
				}
			}
		}
		Integer fileMb = task.integer(MAX_FILE_MB, 1, 2048, (int) (defaults.maxFileBytes() / MB));
		Integer pages = task.integer(MAX_PAGES, 1, 1_000_000, defaults.maxPages());
		Integer chars = task.integer(MAX_CHARS, 1_000, 100_000_000, defaults.maxChars());
		Integer seconds = task.integer(MAX_SECONDS, 1, 3600, (int) defaults.maxTime().toSeconds());
		Integer memoryMb = task.integer(MAX_MEMORY_MB, 1, 4096, (int) (defaults.maxMemoryBytes() / MB));
		if (fileMb == null || pages == null || chars == null || seconds == null || memoryMb == null) {
			return null;
		}
		return new DocumentLimits(fileMb * MB, pages, chars, Duration.ofSeconds(seconds), memoryMb * MB);
	}

}
