package dev.glmbatch.output;

/**
 * Recognises values that a spreadsheet could run as a formula when it opens a file (CWE-1236): those starting with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab, a carriage return or NUL, as OWASP lists them.
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
		return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
				|| first == '\0';
	}

	/** The value with a leading apostrophe when it is risky, so that spreadsheets read it as text; else unchanged. */
	public static String quote(String value) {
		return isRisky(value) ? "'" + value : value;
	}

}
