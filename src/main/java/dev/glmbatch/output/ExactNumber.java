package dev.glmbatch.output;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Whether a text can become a numeric spreadsheet cell without changing: a careful Excel
 * user's rule for a column of input values read as text.
 * <p>
 * A text qualifies when the number it stands for is written back exactly the same: an
 * optional minus, no leading zero ({@code 01234} is a code, not a number), no plus sign
 * ({@code +33 1 23} is a phone number), no thousands separator, no exponent, no trailing
 * zero after the decimal point ({@code 1.50} would show as {@code 1.5}), and at most 15
 * significant digits, the precision of an Excel number (a longer card or order number
 * would lose digits).
 */
public final class ExactNumber {

	private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?");

	private static final int EXCEL_DIGITS = 15;

	private ExactNumber() {
	}

	public static boolean test(String text) {
		if (text.length() > EXCEL_DIGITS + 3 || !NUMBER.matcher(text).matches() || text.equals("-0")) {
			return false;
		}
		BigDecimal number = new BigDecimal(text);
		return number.stripTrailingZeros().precision() <= EXCEL_DIGITS
				&& new BigDecimal(Double.toString(number.doubleValue())).compareTo(number) == 0;
	}

	/** The value of a text that passed {@link #test}, or any JSON number text. */
	public static double value(String text) {
		return new BigDecimal(text).doubleValue();
	}

}
