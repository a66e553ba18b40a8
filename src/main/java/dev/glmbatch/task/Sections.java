package dev.glmbatch.task;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a long text into sections of at most a token budget, at paragraph breaks where
 * possible, then at sentence ends, then at spaces, and only as a last resort inside a
 * word. Nothing is dropped: the sections joined in order give back the text's content
 * (whitespace at the cuts aside).
 */
final class Sections {

	private Sections() {
	}

	static List<String> split(String text, int maxTokens) {
		List<String> pieces = new ArrayList<>();
		for (String paragraph : text.strip().split("\\R\\s*\\R")) {
			pieces.addAll(pieces(paragraph.strip(), maxTokens));
		}
		return packed(pieces, "\n\n", maxTokens);
	}

	/** The paragraph itself if it fits, else parts that each fit. */
	private static List<String> pieces(String paragraph, int maxTokens) {
		if (Tokens.estimate(paragraph) <= maxTokens) {
			return List.of(paragraph);
		}
		List<String> parts = new ArrayList<>();
		for (String sentence : paragraph.split("(?<=[.!?。！？])\\s+")) {
			parts.addAll(hardSplit(sentence, maxTokens));
		}
		return packed(parts, " ", maxTokens);
	}

	/**
	 * Joins consecutive parts with the separator for as long as the joined text fits the
	 * budget, starting a new one when the next part would not fit.
	 */
	private static List<String> packed(List<String> parts, String separator, int maxTokens) {
		List<String> packed = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String part : parts) {
			String candidate = current.isEmpty() ? part : current + separator + part;
			if (Tokens.estimate(candidate) > maxTokens && !current.isEmpty()) {
				packed.add(current.toString());
				current.setLength(0);
				current.append(part);
			}
			else {
				current.setLength(0);
				current.append(candidate);
			}
		}
		if (!current.isEmpty()) {
			packed.add(current.toString());
		}
		return packed;
	}

	private static List<String> hardSplit(String sentence, int maxTokens) {
		List<String> parts = new ArrayList<>();
		String rest = sentence;
		while (Tokens.estimate(rest) > maxTokens) {
			// tokens are at most four characters here, so maxTokens characters always fit
			int cut = rest.lastIndexOf(' ', maxTokens);
			cut = (cut > 0) ? cut : maxTokens;
			parts.add(rest.substring(0, cut).strip());
			rest = rest.substring(cut).strip();
		}
		if (!rest.isEmpty()) {
			parts.add(rest);
		}
		return parts;
	}

}
