package dev.glmbatch.task;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The features of one item's text that the {@code auto} thinking policy looks at.
 *
 * @param estimatedTokens the text's size in estimated tokens
 * @param quantities numbers with a unit, currency or percent sign (things to reason
 * about, e.g. {@code 3 kg}, {@code €20}, {@code 15%})
 * @param steps markers of a multi-step instruction ({@code first ... then ...}, numbered
 * steps)
 */
public record ItemProfile(int estimatedTokens, int quantities, int steps) {

	private static final Pattern QUANTITY = Pattern.compile(
			"(?:[$€£¥]\\s?\\d[\\d.,]*)|(?:\\d[\\d.,]*\\s?%)|(?:\\d[\\d.,]*\\s?(?:kg|g|mg|km|m|cm|mm|l|ml|h|min|s|days?|hours?|weeks?|months?|years?|items?|units?|pcs|eur|usd|gbp|gb|mb|tb)\\b)",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	private static final Pattern STEP = Pattern.compile(
			"(?m)(?:^\\s*\\d+[.)]\\s)|\\b(?:then|after that|afterwards|finally|and also|step \\d+)\\b",
			Pattern.CASE_INSENSITIVE);

	public static ItemProfile of(String text) {
		return new ItemProfile(Tokens.estimate(text), count(QUANTITY, text), count(STEP, text));
	}

	private static int count(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		int found = 0;
		while (matcher.find()) {
			found++;
		}
		return found;
	}

}
