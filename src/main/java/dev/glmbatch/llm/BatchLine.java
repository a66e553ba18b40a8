package dev.glmbatch.llm;

/**
 * One request of a batch file.
 *
 * @param customId its id in the file, unique within it (see {@link #customId})
 * @param request the request
 */
public record BatchLine(String customId, ChatRequest request) {

	public BatchLine {
		if (customId.isBlank()) {
			throw new IllegalArgumentException("customId must not be blank");
		}
	}

	/**
	 * The {@code custom_id} of a row's call: stable, so that a batch's results can be
	 * joined to the rows however they are ordered.
	 * @param row the row number
	 * @param call the call's number within the row, from 0
	 */
	public static String customId(long row, int call) {
		return "row-" + row + "-call-" + call;
	}

}
