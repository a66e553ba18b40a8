package dev.glmbatch.input.excel;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.jspecify.annotations.Nullable;

/**
 * Turns a cell into the text a row carries, following the policy of the package
 * documentation. Formulas are never evaluated: their cached result is used.
 */
final class CellText {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

	private final DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);

	private final boolean date1904;

	CellText(boolean date1904) {
		this.date1904 = date1904;
	}

	/**
	 * The cell's error text ({@code #N/A}, {@code #REF!}, ...), or {@code null} when it
	 * holds no error.
	 */
	@Nullable String error(Cell cell) {
		if (type(cell) != CellType.ERROR) {
			return null;
		}
		try {
			return FormulaError.forInt(cell.getErrorCellValue()).getString();
		}
		catch (IllegalArgumentException ex) {
			return "#ERROR";
		}
	}

	/**
	 * The cell as text; empty for a blank cell. Call {@link #error} first: an error cell
	 * has no text.
	 */
	String text(Cell cell) {
		return switch (type(cell)) {
			case STRING -> cell.getStringCellValue();
			case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
			case NUMERIC -> number(cell);
			default -> "";
		};
	}

	private static CellType type(Cell cell) {
		CellType type = cell.getCellType();
		return (type == CellType.FORMULA) ? cell.getCachedFormulaResultType() : type;
	}

	private String number(Cell cell) {
		double value;
		try {
			value = cell.getNumericCellValue();
		}
		catch (NumberFormatException ex) {
			if (noCachedValue(cell)) {
				return "";
			}
			throw ex;
		}
		CellStyle style = cell.getCellStyle();
		int formatIndex = (style != null) ? style.getDataFormat() : 0;
		String format = (style != null) ? style.getDataFormatString() : null;
		if (format != null && DateUtil.isADateFormat(formatIndex, format) && DateUtil.isValidExcelDate(value)) {
			return date(value);
		}
		if (format == null || format.equalsIgnoreCase("General") || format.equals("@")) {
			return plain(value);
		}
		return formatter.formatRawCellContents(value, formatIndex, format, date1904);
	}

	/**
	 * Whether the cell is a formula stored without a result, as openpyxl (and pandas
	 * through it) writes every formula: {@code <f>A2*2</f><v/>}. Nothing computed the
	 * formula, so the cell has no value. (The streaming reader gives a cell's stored text
	 * as its string value whatever its type.)
	 */
	private static boolean noCachedValue(Cell cell) {
		if (cell.getCellType() != CellType.FORMULA) {
			return false;
		}
		try {
			return cell.getStringCellValue().isBlank();
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	private String date(double value) {
		LocalDateTime moment = DateUtil.getLocalDateTime(value, date1904, true);
		if (value < 1) {
			return TIME.format(moment);
		}
		if (moment.toLocalTime().toSecondOfDay() == 0) {
			return DATE.format(moment);
		}
		return DATE_TIME.format(moment);
	}

	/**
	 * The shortest decimal that reads back as the same double, never in exponent form.
	 */
	static String plain(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return Double.toString(value);
		}
		if (value == 0) {
			return "0";
		}
		return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
	}

}
