/**
 * A folder of documents as input: one row per selected file, in the order of the files'
 * paths relative to the folder (compared as text, with {@code /} between folders), so
 * that row numbers are stable across runs.
 * <p>
 * Each row has the columns {@code path} (relative to the folder), {@code name},
 * {@code bytes}, {@code modified} (UTC, to the second) and {@code sha256} (of the file's
 * bytes). The input's checksum covers every selected file's path and checksum, so a file
 * added, removed or changed makes a changed input, which a restart refuses exactly as it
 * refuses a changed CSV file. Hidden files (name starting with {@code .}), partial
 * uploads ({@code .part}, {@code .tmp}) and symbolic links are not rows. Reading the
 * documents themselves is the task's business, not the input's.
 */
@NullMarked
package dev.glmbatch.input.folder;

import org.jspecify.annotations.NullMarked;
