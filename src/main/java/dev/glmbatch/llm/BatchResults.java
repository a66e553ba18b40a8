package dev.glmbatch.llm;

import java.util.Map;

/**
 * What an ended batch brought back.
 *
 * @param answers the answered lines, by {@code custom_id}, priced at the batch rate
 * @param failures why each failed line failed, by {@code custom_id}
 */
public record BatchResults(Map<String, ChatAnswer> answers, Map<String, String> failures) {

	public BatchResults {
		answers = Map.copyOf(answers);
		failures = Map.copyOf(failures);
	}

}
