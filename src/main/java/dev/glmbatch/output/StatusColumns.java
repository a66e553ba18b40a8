package dev.glmbatch.output;

import java.util.Collection;
import java.util.List;

/**
 * The two columns a CSV or XLSX output adds after the results, so that every input row
 * appears in the output and can be reconciled with the input: {@code status}
 * ({@code done} or {@code rejected}) and {@code reject_reason} (empty for a done row).
 * <p>
 * A job whose input (or whose task) already has a column of either name gets both as
 * {@code glmbatch_status} and {@code glmbatch_reject_reason} instead: renaming the pair
 * together keeps it recognisable, and the input's own {@code status} column (common in
 * ticket exports) is kept as it is.
 *
 * @param status the name of the status column
 * @param reason the name of the reason column
 */
public record StatusColumns(String status, String reason) {

	public static final String STATUS = "status";

	public static final String REASON = "reject_reason";

	public static final String PREFIX = "glmbatch_";

	public static final String DONE = "done";

	public static final String REJECTED = "rejected";

	/** The names for an output whose other columns are {@code taken}. */
	public static StatusColumns avoiding(Collection<String> taken) {
		if (taken.contains(STATUS) || taken.contains(REASON)) {
			return new StatusColumns(PREFIX + STATUS, PREFIX + REASON);
		}
		return new StatusColumns(STATUS, REASON);
	}

	public List<String> names() {
		return List.of(status, reason);
	}

}
