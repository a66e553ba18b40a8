package dev.glmbatch.input.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The start of a CSV file, read before the parser sees it: an Excel-style {@code sep=X}
 * first line (consumed) and, when asked, the delimiter most frequent outside quotes on
 * the header line (the first line that is not blank).
 *
 * @param declaredDelimiter the delimiter of a {@code sep=} line, or {@code null} when
 * there is none
 * @param consumedLines physical lines consumed and not to be parsed (1 for a {@code sep=}
 * line)
 * @param replay the text read that the parser must still see
 * @param detectedDelimiter the detected delimiter ({@code ,} when nothing was detected)
 * @param ambiguous whether several candidates were equally frequent, so {@code ,} was
 * chosen
 */
record CsvPreamble(@Nullable Character declaredDelimiter, int consumedLines, String replay, char detectedDelimiter,
		boolean ambiguous) {

	/** Delimiters that detection considers, in order of preference. */
	static final List<Character> CANDIDATES = List.of(',', ';', '\t', '|');

	static final char DEFAULT_DELIMITER = ',';

	private static final String SEP_PREFIX = "sep=";

	/**
	 * Reads the preamble.
	 * @param text the decoded file from its start
	 * @param detect whether to detect the delimiter from the header line
	 * @param maxChars how far to read at most when looking for the end of the header line
	 */
	static CsvPreamble read(Reader text, boolean detect, int maxChars) throws IOException {
		StringBuilder seen = new StringBuilder();
		int c;
		while (seen.length() < SEP_PREFIX.length() + 2 && (c = text.read()) >= 0) {
			seen.append((char) c);
			if (isLineEnd(c)) {
				break;
			}
		}
		Character declared = null;
		int consumedLines = 0;
		if (isSepLine(seen)) {
			declared = seen.charAt(SEP_PREFIX.length());
			consumedLines = 1;
			boolean endedWithCr = seen.charAt(seen.length() - 1) == '\r';
			seen.setLength(0);
			if (endedWithCr && (c = text.read()) >= 0 && c != '\n') {
				seen.append((char) c);
			}
		}
		if (!detect || declared != null) {
			return new CsvPreamble(declared, consumedLines, seen.toString(), DEFAULT_DELIMITER, false);
		}
		int[] counts = countOnHeaderLine(text, seen, maxChars);
		return chooseDelimiter(seen.toString(), counts);
	}

	private static boolean isSepLine(CharSequence first) {
		int length = first.length();
		if (length < SEP_PREFIX.length() + 1
				|| !first.subSequence(0, SEP_PREFIX.length()).toString().equalsIgnoreCase(SEP_PREFIX)) {
			return false;
		}
		if (isLineEnd(first.charAt(SEP_PREFIX.length()))) {
			return false;
		}
		return length == SEP_PREFIX.length() + 1 || isLineEnd(first.charAt(SEP_PREFIX.length() + 1));
	}

	/**
	 * Counts candidate delimiters outside quotes on the first non-blank line, reading on
	 * from {@code seen} and appending what it reads to it.
	 */
	private static int[] countOnHeaderLine(Reader text, StringBuilder seen, int maxChars) throws IOException {
		int[] counts = new int[CANDIDATES.size()];
		boolean inQuotes = false;
		boolean lineHasText = false;
		int index = 0;
		while (true) {
			int c;
			if (index < seen.length()) {
				c = seen.charAt(index);
			}
			else if (seen.length() >= maxChars || (c = text.read()) < 0) {
				break;
			}
			else {
				seen.append((char) c);
			}
			index++;
			if (c == '"') {
				inQuotes = !inQuotes;
				lineHasText = true;
			}
			else if (!inQuotes && isLineEnd(c)) {
				if (lineHasText) {
					break;
				}
				Arrays.fill(counts, 0);
			}
			else if (!inQuotes) {
				int candidate = CANDIDATES.indexOf((char) c);
				if (candidate >= 0) {
					counts[candidate]++;
				}
				lineHasText |= c != ' ' && c != '\t';
			}
		}
		return counts;
	}

	private static CsvPreamble chooseDelimiter(String replay, int[] counts) {
		int best = -1;
		boolean tie = false;
		for (int i = 0; i < counts.length; i++) {
			if (counts[i] == 0) {
				continue;
			}
			if (best < 0 || counts[i] > counts[best]) {
				best = i;
				tie = false;
			}
			else if (counts[i] == counts[best]) {
				tie = true;
			}
		}
		if (best < 0 || tie) {
			return new CsvPreamble(null, 0, replay, DEFAULT_DELIMITER, tie);
		}
		return new CsvPreamble(null, 0, replay, CANDIDATES.get(best), false);
	}

	private static boolean isLineEnd(int c) {
		return c == '\r' || c == '\n';
	}

}
