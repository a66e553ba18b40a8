package dev.glmbatch.jobdef;

/**
 * What the spreadsheet outputs do with a value that a spreadsheet could run as a formula
 * (one that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab, a carriage
 * return or NUL).
 */
public enum FormulaPolicy {

	/**
	 * The default, as OWASP recommends: in CSV the value gets a leading apostrophe; in
	 * XLSX the cell is a text cell marked "quote prefix", so Excel shows the value
	 * unchanged and never evaluates it.
	 */
	QUOTE,

	/**
	 * Values are written as they are (XLSX cells are still text cells, never formulas).
	 */
	OFF

}
