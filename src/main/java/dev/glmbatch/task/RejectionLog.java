package dev.glmbatch.task;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * What a rejected row leaves in the log. A reason may quote the row or the model's answer, which can hold personal
 * data, so WARN names only the row; the reason goes to the reject file, and to DEBUG with line breaks escaped so
 * that row text cannot forge log lines (reliability.md #102).
 */
final class RejectionLog {

	private RejectionLog() {
	}

	static void rejected(Logger log, long rowNumber, @Nullable Object reason) {
		log.warn("Row {} rejected; its reason goes to the reject file", rowNumber);
		if (log.isDebugEnabled()) {
			log.debug("Row {} rejected: {}", rowNumber, oneLine(String.valueOf(reason)));
		}
	}

	static String oneLine(String text) {
		return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
	}

}
