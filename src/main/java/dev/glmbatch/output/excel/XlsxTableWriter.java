package dev.glmbatch.output.excel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.glmbatch.output.FormulaGuard;
import dev.glmbatch.output.PartialFile;
import dev.glmbatch.output.TableWriter;

/**
 * Writes results to a new {@code .xlsx} workbook (or {@code .xlsm}, by the target's name)
 * in streaming mode (a window of rows in memory, the rest in compressed temporary files).
 * Layout: a sheet {@code results} with a bold, frozen header row, an autofilter, column
 * widths from the longest values (capped), top-aligned cells and wrapped long text; a
 * sheet {@code failures} with the row, sheet line, reason and attempts of each failed
 * row.
 * <p>
 * Every value is a text cell, except in the columns the caller marks numeric, whose
 * numbers become numeric cells (an empty value stays an empty cell), so nothing is ever
 * evaluated; with the formula guard on, values that look like formulas are also marked
 * "quote prefix", the way Excel marks text typed with a leading apostrophe. Values over
 * 32,767 characters are cut by {@link CellLimit#fit}. More rows than a sheet holds
 * continue on {@code results (2)}, and so on. Not thread-safe.
 */
public final class XlsxTableWriter implements TableWriter {

	static final String RESULTS_SHEET = "results";

	static final String FAILURES_SHEET = "failures";

	static final List<String> FAILURE_HEADER = List.of("row", "line", "reason", "attempts");

	private static final int WINDOW = 100;

	private static final int MAX_WIDTH_CHARS = 60;

	private static final int MIN_WIDTH_CHARS = 8;

	private static final Logger log = LoggerFactory.getLogger(XlsxTableWriter.class);

	private final PartialFile file;

	private final SXSSFWorkbook workbook;

	private final CellStyles styles;

	private final List<String> header;

	private final boolean guardFormulas;

	private final boolean[] numeric;

	private final List<SXSSFSheet> resultSheets = new ArrayList<>();

	private final SXSSFSheet failures;

	private final int[] widths;

	private int nextResultRow;

	private int nextFailureRow = 1;

	private long truncated;

	private XlsxTableWriter(Path target, List<String> header, boolean guardFormulas, boolean[] numeric) {
		this.header = List.copyOf(header);
		this.guardFormulas = guardFormulas;
		this.numeric = numeric.clone();
		this.widths = new int[header.size()];
		this.file = PartialFile.create(target);
		this.workbook = new SXSSFWorkbook(new XSSFWorkbook(WorkbookKind.of(target)), WINDOW, true, false);
		this.styles = new CellStyles(workbook);
		newResultSheet();
		this.failures = workbook.createSheet(FAILURES_SHEET);
		writeHeader(failures, FAILURE_HEADER);
		failures.setColumnWidth(2, MAX_WIDTH_CHARS * 256);
	}

	/**
	 * Opens a writer.
	 * @param header the column names of the results sheet
	 * @param guardFormulas whether to mark formula-like values as text with Excel's quote
	 * prefix
	 */
	public static XlsxTableWriter open(Path target, List<String> header, boolean guardFormulas) {
		return open(target, header, guardFormulas, new boolean[0]);
	}

	/**
	 * Opens a writer.
	 * @param header the column names of the results sheet
	 * @param guardFormulas whether to mark formula-like values as text with Excel's quote
	 * prefix
	 * @param numeric by column index, whether the column's values are numbers, written as
	 * numeric cells (a value that is not a number is still written as text); columns past
	 * its end are text
	 */
	public static XlsxTableWriter open(Path target, List<String> header, boolean guardFormulas, boolean[] numeric) {
		return new XlsxTableWriter(target, header, guardFormulas, numeric);
	}

	@Override
	public void writeRow(List<String> values) {
		if (nextResultRow >= SpreadsheetVersion.EXCEL2007.getMaxRows()) {
			newResultSheet();
		}
		Row row = currentSheet().createRow(nextResultRow++);
		for (int i = 0; i < values.size(); i++) {
			if (i < numeric.length && numeric[i] && NumericCells.write(row, i, values.get(i))) {
				widths[i] = Math.max(widths[i], Math.min(MAX_WIDTH_CHARS, values.get(i).length()));
				continue;
			}
			String value = fit(values.get(i));
			Cell cell = row.createCell(i);
			cell.setCellValue(value);
			cell.setCellStyle(styles.forText(value, guardFormulas && FormulaGuard.isRisky(value)));
			if (i < widths.length) {
				widths[i] = Math.max(widths[i], Math.min(MAX_WIDTH_CHARS, longestLine(value)));
			}
		}
	}

	/** Adds a line to the {@code failures} sheet; row, line and attempts are numbers. */
	public void writeFailure(long rowNumber, long line, String reason, long attempts) {
		Row row = failures.createRow(nextFailureRow++);
		row.createCell(0).setCellValue(rowNumber);
		row.createCell(1).setCellValue(line);
		String text = fit(reason);
		Cell cell = row.createCell(2);
		cell.setCellValue(text);
		cell.setCellStyle(styles.forText(text, guardFormulas && FormulaGuard.isRisky(text)));
		row.createCell(3).setCellValue(attempts);
	}

	@Override
	public Path publish() {
		for (SXSSFSheet sheet : resultSheets) {
			for (int i = 0; i < widths.length; i++) {
				sheet.setColumnWidth(i, Math.max(MIN_WIDTH_CHARS, widths[i] + 2) * 256);
			}
		}
		failures.setAutoFilter(new CellRangeAddress(0, Math.max(0, nextFailureRow - 1), 0, FAILURE_HEADER.size() - 1));
		SXSSFSheet last = currentSheet();
		last.setAutoFilter(new CellRangeAddress(0, Math.max(0, nextResultRow - 1), 0, header.size() - 1));
		try {
			workbook.write(file.stream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file.partialPath() + ": " + ex.getMessage(), ex);
		}
		if (truncated > 0) {
			log.warn("{} values were longer than Excel's {} characters per cell and were cut in the workbook",
					truncated, CellLimit.MAX_CHARS);
		}
		return file.publish();
	}

	/**
	 * Removes the temporary files; deletes the partial output unless it was published.
	 */
	@Override
	public void close() {
		try {
			// the rows live in temporary files; nothing else to release for a workbook
			// that was never written
			workbook.dispose();
		}
		finally {
			file.close();
		}
	}

	private String fit(String value) {
		String fitted = CellLimit.fit(value);
		if (fitted != value) {
			truncated++;
		}
		return fitted;
	}

	private void newResultSheet() {
		if (!resultSheets.isEmpty()) {
			SXSSFSheet full = currentSheet();
			full.setAutoFilter(new CellRangeAddress(0, nextResultRow - 1, 0, header.size() - 1));
		}
		String name = resultSheets.isEmpty() ? RESULTS_SHEET : RESULTS_SHEET + " (" + (resultSheets.size() + 1) + ")";
		SXSSFSheet sheet = workbook.createSheet(name);
		// the results come before the failures sheet
		workbook.setSheetOrder(name, resultSheets.size());
		resultSheets.add(sheet);
		writeHeader(sheet, header);
		nextResultRow = 1;
	}

	private SXSSFSheet currentSheet() {
		return resultSheets.get(resultSheets.size() - 1);
	}

	private void writeHeader(SXSSFSheet sheet, List<String> names) {
		Row row = sheet.createRow(0);
		for (int i = 0; i < names.size(); i++) {
			Cell cell = row.createCell(i);
			cell.setCellValue(names.get(i));
			cell.setCellStyle(styles.header);
			if (sheet != failures && i < widths.length) {
				widths[i] = Math.max(widths[i], Math.min(MAX_WIDTH_CHARS, names.get(i).length()));
			}
		}
		sheet.createFreezePane(0, 1);
	}

	private static int longestLine(String value) {
		int longest = 0;
		int start = 0;
		while (start <= value.length()) {
			int end = value.indexOf('\n', start);
			if (end < 0) {
				end = value.length();
			}
			longest = Math.max(longest, end - start);
			start = end + 1;
		}
		return longest;
	}

}
