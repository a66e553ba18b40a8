package dev.glmbatch.pipeline;

/**
 * The rows an export wrote from the staging table, by status.
 *
 * @param done rows with results
 * @param rejected rows written with their reject reason
 */
public record ExportedRows(long done, long rejected) {

	public ExportedRows {
		if (done < 0 || rejected < 0) {
			throw new IllegalArgumentException("row counts cannot be negative: " + done + ", " + rejected);
		}
	}

	public long rows() {
		return done + rejected;
	}

}
