package dev.glmbatch.input.excel;

import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * The limits POI applies when it unpacks a workbook, set tighter than POI's defaults for a batch tool. The setters
 * are JVM-global, so they are applied once, before the first workbook is opened, and never loosened.
 */
public final class WorkbookSafety {

	/** The largest part of a package once inflated (POI allows 4 GB). */
	public static final long MAX_ENTRY_SIZE = 512L * 1024 * 1024;

	/** Compressed/inflated ratio below which a part counts as a zip bomb (POI's own value; never lowered). */
	public static final double MIN_INFLATE_RATIO = 0.01;

	/** The most parts a package may hold. */
	public static final int MAX_FILE_COUNT = 1000;

	/** The most characters a text extraction may produce. */
	public static final long MAX_TEXT_SIZE = 10L * 1024 * 1024;

	static {
		ZipSecureFile.setMaxEntrySize(MAX_ENTRY_SIZE);
		ZipSecureFile.setMinInflateRatio(MIN_INFLATE_RATIO);
		ZipSecureFile.setMaxFileCount(MAX_FILE_COUNT);
		ZipSecureFile.setMaxTextSize(MAX_TEXT_SIZE);
	}

	private WorkbookSafety() {
	}

	/** Makes sure the limits are in force; cheap after the first call. */
	public static void apply() {
		// the static initialiser does the work
	}

}
