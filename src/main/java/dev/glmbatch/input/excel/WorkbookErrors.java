package dev.glmbatch.input.excel;

import java.nio.file.Path;
import java.util.Locale;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;

import dev.glmbatch.input.InputFormatException;

/**
 * Turns whatever a workbook parser throws into an {@link InputFormatException} that says
 * what is wrong. POI's security guidance is to expect any exception,
 * {@code StackOverflowError} included, from hostile files.
 */
final class WorkbookErrors {

	private WorkbookErrors() {
	}

	static InputFormatException translate(Path file, Throwable failure) {
		if (failure instanceof InputFormatException format) {
			return format;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
			if (cause instanceof EncryptedDocumentException || message.contains("password")
					|| message.contains("encrypted")) {
				return WorkbookSniffer.passwordProtected(file);
			}
			if (cause instanceof OldExcelFormatException) {
				return new InputFormatException(file, 0, null, -1, "the workbook is in an Excel 5.0/95 format",
						"Open it in Excel and save it as Excel Workbook (.xlsx)", failure);
			}
			if (message.contains("zip bomb") || message.contains("max entry size") || message.contains("maxentrysize")
					|| message.contains("inflate ratio")) {
				return new InputFormatException(file, 0, null, -1,
						"the workbook looks like a zip bomb: a part inflates beyond the safety limits (compression "
								+ "better than " + Math.round(1 / WorkbookSafety.MIN_INFLATE_RATIO) + ":1 or over "
								+ WorkbookSafety.MAX_ENTRY_SIZE / (1024 * 1024) + " MB)",
						"Do not process this file; if it is genuine, export the sheet as CSV", failure);
			}
			if (declaresEntities(message)) {
				return new InputFormatException(file, 0, null, -1,
						"the workbook holds XML entity declarations (DOCTYPE), which are refused for safety",
						"Do not process this file; if it is genuine, open it in Excel and save it again", failure);
			}
			if (message.contains("duplicate") || message.contains("more than 1 entry with the name")) {
				return new InputFormatException(file, 0, null, -1,
						"the workbook package holds two parts with the same name, which is refused for safety",
						"Open it in Excel and save it again", failure);
			}
			if (cause instanceof StackOverflowError || cause instanceof OutOfMemoryError) {
				break;
			}
		}
		return WorkbookSniffer.damaged(file, failure);
	}

	/**
	 * Whether a parser message is about a DOCTYPE or entity declarations (refused for
	 * safety), not merely about broken XML: a part cut short fails with "XML document
	 * structures must start and end within the same entity", which is damage, not a
	 * declaration.
	 */
	static boolean declaresEntities(String message) {
		return message.contains("doctype") || message.contains("dtd") || message.contains("entity expansion")
				|| message.contains("entity declaration") || message.contains("entities")
				|| message.contains("referenced, but not declared");
	}

}
