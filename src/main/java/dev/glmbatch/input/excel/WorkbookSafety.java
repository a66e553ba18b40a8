package dev.glmbatch.input.excel;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;

/**
 * The limits POI applies when it unpacks a workbook, set tighter than POI's defaults for
 * a batch tool. The setters are JVM-global, so they are applied once, before the first
 * workbook is opened, and never loosened.
 * <p>
 * The workbook libraries' own loggers are silenced here as well: they log a hostile or
 * damaged file at ERROR, with a stack trace, before the exception that becomes our
 * one-line refusal, and have nothing to say about a good file.
 * {@code application.properties} turns them off too, for when Spring configures logging
 * afresh.
 */
public final class WorkbookSafety {

	/** The largest part of a package once inflated (POI allows 4 GB). */
	public static final long MAX_ENTRY_SIZE = 512L * 1024 * 1024;

	/**
	 * Compressed/inflated ratio below which a part counts as a zip bomb (POI's own value;
	 * never lowered).
	 */
	public static final double MIN_INFLATE_RATIO = 0.01;

	/** The most parts a package may hold. */
	public static final int MAX_FILE_COUNT = 1000;

	/** The most characters a text extraction may produce. */
	public static final long MAX_TEXT_SIZE = 10L * 1024 * 1024;

	/** The loggers of POI, XMLBeans (which POI parses with) and the streaming reader. */
	static final String[] LIBRARY_LOGGERS = { "org.apache.poi", "org.apache.xmlbeans", "com.github.pjfanning" };

	static {
		LoggingSystem logging = LoggingSystem.get(WorkbookSafety.class.getClassLoader());
		for (String logger : LIBRARY_LOGGERS) {
			logging.setLogLevel(logger, LogLevel.OFF);
		}
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
