package dev.glmbatch.task;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * What a rejected row leaves in the log besides the WARN line the pipeline writes for
 * every rejected row (naming only the row). A reason may quote the row or the model's
 * answer, which can hold personal data: it goes to the reject file, and to DEBUG here
 * with line breaks escaped so that row text cannot forge log lines.
 */
final class RejectionLog {

	private RejectionLog() {
	}

	static void rejected(Logger log, long rowNumber, @Nullable Object reason) {
		if (log.isDebugEnabled()) {
			log.debug("Row {} rejected: {}", rowNumber, oneLine(String.valueOf(reason)));
		}
	}

	static String oneLine(String text) {
		return text.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n");
	}

}
