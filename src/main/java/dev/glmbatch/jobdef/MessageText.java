package dev.glmbatch.jobdef;

import java.util.List;

/**
 * Caps what a message quotes from a user's file: a column name, a sheet name or a value
 * can be a megabyte long, and a message that repeats it whole buries the one line it is
 * meant to be. The start of the text is kept, which is enough to recognise it, followed
 * by how much was left out.
 */
public final class MessageText {

	/** The most characters of one quoted text a message shows. */
	public static final int MAX_QUOTED = 200;

	private MessageText() {
	}

	/**
	 * The text itself when it has at most {@value #MAX_QUOTED} characters, else its first
	 * {@value #MAX_QUOTED} and {@code …(N more characters)}.
	 */
	public static String cap(String text) {
		if (text.length() <= MAX_QUOTED) {
			return text;
		}
		int end = MAX_QUOTED;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "\u2026(" + (text.length() - end) + " more characters)";
	}

	/** Each text {@link #cap capped}, joined with {@code ", "}. */
	public static String capAll(List<String> texts) {
		return String.join(", ", texts.stream().map(MessageText::cap).toList());
	}

}
