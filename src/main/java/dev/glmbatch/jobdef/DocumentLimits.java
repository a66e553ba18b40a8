package dev.glmbatch.jobdef;

import java.time.Duration;
import java.util.Objects;

/**
 * What one document may cost to read before it is rejected, so that a hostile or broken
 * file (a zip bomb, a PDF of a million tiny objects, a page of endless markup) cannot
 * stall or sink a run. Each limit rejects that document alone; the run goes on.
 *
 * @param maxFileBytes the largest file read at all
 * @param maxPages the most pages of a PDF
 * @param maxChars the most characters of text one document may yield
 * @param maxTime the longest one document may take to read
 * @param maxMemoryBytes the most a document may unpack to in memory: the markup parts of
 * a {@code .docx}, {@code .pptx}, {@code .xlsx} or {@code .odt} together, an HTML page
 * (read whole), the buffers of a PDF
 */
public record DocumentLimits(long maxFileBytes, int maxPages, int maxChars, Duration maxTime, long maxMemoryBytes) {

	private static final long MB = 1024L * 1024;

	/** The limits a job gets unless its task sets others. */
	public static final DocumentLimits DEFAULTS = new DocumentLimits(50 * MB, 2_000, 2_000_000, Duration.ofSeconds(60),
			64 * MB);

	public DocumentLimits {
		Objects.requireNonNull(maxTime, "maxTime");
		if (maxFileBytes < 1 || maxPages < 1 || maxChars < 1 || maxMemoryBytes < 1 || maxTime.isNegative()
				|| maxTime.isZero()) {
			throw new IllegalArgumentException(
					"document limits must be positive, were " + maxFileBytes + " bytes, " + maxPages + " pages, "
							+ maxChars + " characters, " + maxTime + ", " + maxMemoryBytes + " bytes of memory");
		}
	}

	/** Megabytes, for messages. */
	public static String megabytes(long bytes) {
		return (bytes % MB == 0) ? bytes / MB + " MB"
				: String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (double) MB);
	}

}
