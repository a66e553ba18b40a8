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
		List<String> sections = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String paragraph : text.strip().split("\\R\\s*\\R")) {
			for (String piece : pieces(paragraph.strip(), maxTokens)) {
				String candidate = current.isEmpty() ? piece : current + "\n\n" + piece;
				if (Tokens.estimate(candidate) > maxTokens && !current.isEmpty()) {
					sections.add(current.toString());
					current.setLength(0);
					current.append(piece);
				}
				else {
					current.setLength(0);
					current.append(candidate);
				}
			}
		}
		if (!current.isEmpty()) {
			sections.add(current.toString());
		}
		return sections;
	}

	/** The paragraph itself if it fits, else parts that each fit. */
	private static List<String> pieces(String paragraph, int maxTokens) {
		if (Tokens.estimate(paragraph) <= maxTokens) {
			return List.of(paragraph);
		}
		List<String> parts = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String sentence : paragraph.split("(?<=[.!?。！？])\\s+")) {
			for (String part : hardSplit(sentence, maxTokens)) {
				String candidate = current.isEmpty() ? part : current + " " + part;
				if (Tokens.estimate(candidate) > maxTokens && !current.isEmpty()) {
					parts.add(current.toString());
					current.setLength(0);
					current.append(part);
				}
				else {
					current.setLength(0);
					current.append(candidate);
				}
			}
		}
		if (!current.isEmpty()) {
			parts.add(current.toString());
		}
		return parts;
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
