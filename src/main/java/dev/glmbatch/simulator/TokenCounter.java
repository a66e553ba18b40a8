package dev.glmbatch.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Estimates tokens with the published rule of thumb instead of the real tokenizer: about
 * 4 characters per token for Latin text, about 1.5 characters per token for Chinese,
 * Japanese and Korean, and 2 for other scripts.
 *
 * <p>
 * Weights are counted in twelfths of a token so the arithmetic stays exact; a token ends
 * whenever twelve units have accumulated, and a trailing partial token counts as one.
 * {@link #split} cuts at exactly those points, so {@code split(s).size() == count(s)}
 * always holds.
 */
final class TokenCounter {

	static final int UNITS_PER_TOKEN = 12;

	private static final int LATIN_UNITS = 3;

	private static final int CJK_UNITS = 8;

	private static final int OTHER_UNITS = 6;

	// Latin-1, Latin Extended-A and -B: the cheap path for the common case
	private static final int LATIN_END = 0x250;

	private TokenCounter() {
	}

	static int unitsOf(int codePoint) {
		if (codePoint < LATIN_END) {
			return LATIN_UNITS;
		}
		return isCjk(codePoint) ? CJK_UNITS : OTHER_UNITS;
	}

	static int count(String text) {
		int[] tokens = { 0 };
		cuts(text, (end) -> tokens[0]++);
		return tokens[0];
	}

	static List<String> split(String text) {
		List<String> pieces = new ArrayList<>();
		int[] start = { 0 };
		cuts(text, (end) -> {
			pieces.add(text.substring(start[0], end));
			start[0] = end;
		});
		return pieces;
	}

	/**
	 * Walks the text once and hands {@code cut} the index after each token: after every
	 * twelve units, and at the end for a trailing partial token. {@link #count} and
	 * {@link #split} both walk here, so they cannot disagree.
	 */
	private static void cuts(String text, IntConsumer cut) {
		int units = 0;
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			i += Character.charCount(codePoint);
			units += unitsOf(codePoint);
			if (units >= UNITS_PER_TOKEN) {
				units -= UNITS_PER_TOKEN;
				cut.accept(i);
			}
		}
		if (units > 0) {
			cut.accept(text.length());
		}
	}

	private static boolean isCjk(int codePoint) {
		if ((codePoint >= 0x3000 && codePoint <= 0x303F) || (codePoint >= 0xFF00 && codePoint <= 0xFFEF)) {
			return true; // CJK punctuation and full-width forms
		}
		Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
		return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
				|| script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
	}

}
