package dev.glmbatch.output;

/**
 * Recognises values that a spreadsheet could run as a formula when it opens a file
 * (CWE-1236), as OWASP lists their first characters: {@code =}, {@code @}, a tab, a
 * carriage return or NUL always; {@code +} and {@code -} unless the value is a number.
 * <p>
 * A number here is what a sign followed by digits can be in real data: {@code -5},
 * {@code +5}, {@code -2.5E-4}, {@code -$12.34}, {@code -12,5 %}, {@code -(555)}, a phone
 * number such as {@code +33 612 345 678}, or a sign alone. After the sign it holds only
 * digits, spaces, {@code . , ( ) / % + -}, currency symbols and an exponent {@code E}
 * between a digit and a digit or sign; and it has a digit, unless it is the sign alone.
 * Such a value can at worst be computed into another number or an error value: with no
 * letter there is no function call, no cell reference and no DDE command, and with no
 * colon no range. Anything else after a sign ({@code -2+3+cmd|' /C calc'!A0},
 * {@code - # Weekly sync}, {@code +A1}) is guarded.
 */
public final class FormulaGuard {

	private FormulaGuard() {
	}

	/** Whether a spreadsheet could take the value for a formula. */
	public static boolean isRisky(String value) {
		if (value.isEmpty()) {
			return false;
		}
		char first = value.charAt(0);
		if (first == '+' || first == '-') {
			return !isSignedNumber(value);
		}
		return first == '=' || first == '@' || first == '\t' || first == '\r' || first == '\0';
	}

	/**
	 * The value with a leading apostrophe when it is risky, so that spreadsheets read it
	 * as text; else unchanged.
	 */
	public static String quote(String value) {
		return isRisky(value) ? "'" + value : value;
	}

	/**
	 * {@code value} starts with a sign; whether the rest is number-like (see the class
	 * documentation).
	 */
	private static boolean isSignedNumber(String value) {
		if (value.length() == 1) {
			return true;
		}
		boolean digit = false;
		for (int i = 1; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c >= '0' && c <= '9') {
				digit = true;
			}
			else if (c == 'E' || c == 'e') {
				if (!isExponent(value, i)) {
					return false;
				}
			}
			else if (!isNumberPunctuation(c)) {
				return false;
			}
		}
		return digit;
	}

	private static boolean isExponent(String value, int at) {
		if (at + 1 >= value.length() || !isDigit(value.charAt(at - 1))) {
			return false;
		}
		char next = value.charAt(at + 1);
		return isDigit(next) || next == '+' || next == '-';
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean isNumberPunctuation(char c) {
		return switch (c) {
			case ' ', '\u00A0', '\u202F', '\u2009', '.', ',', '(', ')', '/', '%', '+', '-' -> true;
			default -> Character.getType(c) == Character.CURRENCY_SYMBOL;
		};
	}

}
