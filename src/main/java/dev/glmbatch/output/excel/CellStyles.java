package dev.glmbatch.output.excel;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/** The few cell styles the result workbooks use, created once per workbook. */
final class CellStyles {

	/** Text longer than this, or with a line break, wraps. */
	static final int WRAP_FROM = 80;

	final CellStyle header;

	private final CellStyle plain;

	private final CellStyle wrapped;

	private final CellStyle quoted;

	private final CellStyle quotedWrapped;

	CellStyles(Workbook workbook) {
		Font bold = workbook.createFont();
		bold.setBold(true);
		this.header = workbook.createCellStyle();
		this.header.setFont(bold);
		this.plain = workbook.createCellStyle();
		this.plain.setVerticalAlignment(VerticalAlignment.TOP);
		this.wrapped = workbook.createCellStyle();
		this.wrapped.cloneStyleFrom(plain);
		this.wrapped.setWrapText(true);
		this.quoted = workbook.createCellStyle();
		this.quoted.cloneStyleFrom(plain);
		this.quoted.setQuotePrefixed(true);
		this.quotedWrapped = workbook.createCellStyle();
		this.quotedWrapped.cloneStyleFrom(wrapped);
		this.quotedWrapped.setQuotePrefixed(true);
	}

	/**
	 * The style for a text value.
	 * @param quote whether the value is marked as text so that Excel never reads it as a
	 * formula
	 */
	CellStyle forText(String value, boolean quote) {
		boolean wrap = value.length() > WRAP_FROM || value.indexOf('\n') >= 0;
		if (quote) {
			return wrap ? quotedWrapped : quoted;
		}
		return wrap ? wrapped : plain;
	}

}
