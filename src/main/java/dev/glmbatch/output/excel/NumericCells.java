package dev.glmbatch.output.excel;

import java.math.BigDecimal;

import org.apache.poi.ss.usermodel.Row;

/** Writes the values of numeric columns as numeric cells. */
final class NumericCells {

	private NumericCells() {
	}

	/**
	 * Writes {@code value} as a number into column {@code index} of {@code row}; an empty
	 * value leaves the cell empty.
	 * @return {@code false}, writing nothing, when the value is not a number (the caller
	 * writes it as text)
	 */
	static boolean write(Row row, int index, String value) {
		if (value.isEmpty()) {
			return true;
		}
		BigDecimal number;
		try {
			number = new BigDecimal(value);
		}
		catch (NumberFormatException ex) {
			return false;
		}
		row.createCell(index).setCellValue(number.doubleValue());
		return true;
	}

}
