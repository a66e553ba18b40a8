package dev.glmbatch.input.excel;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import com.github.pjfanning.xlsx.StreamingReader;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Date1904Support;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellReference;
import org.jspecify.annotations.Nullable;

import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.jobdef.InputFormat;
import dev.glmbatch.jobdef.InputSpec;
import dev.glmbatch.jobdef.MessageText;

/**
 * Walks the data rows of one sheet in order. {@code .xlsx} is streamed (a small window of
 * rows in memory); {@code .xls} is loaded whole. Every parser failure comes out as
 * {@link InputFormatException}.
 */
final class SheetCursor implements Closeable {

	private static final int ROW_CACHE = 100;

	private static final int BUFFER = 8192;

	private final Path file;

	private final InputSpec spec;

	private final Workbook workbook;

	private final String sheetName;

	private final Iterator<Row> rows;

	private final CellText cellText;

	private final List<String> header;

	private long hiddenRows;

	private SheetCursor(Path file, InputSpec spec, Workbook workbook) {
		this.file = file;
		this.spec = spec;
		this.workbook = workbook;
		this.cellText = new CellText(workbook instanceof Date1904Support dates && dates.isDate1904());
		Sheet sheet = selectSheet();
		this.sheetName = sheet.getSheetName();
		this.rows = sheet.rowIterator();
		this.header = readHeader();
	}

	/**
	 * Opens the sheet the spec names in a file of the given (sniffed) format and reads
	 * its header.
	 * @throws InputFormatException when the workbook cannot be read safely, the sheet
	 * does not exist, or the header is unusable
	 */
	static SheetCursor open(InputSpec spec, InputFormat format) {
		WorkbookSafety.apply();
		Path file = spec.path();
		Workbook workbook = guard(file, () -> (format == InputFormat.XLS) ? openXls(file) : openXlsx(file));
		try {
			return guard(file, () -> new SheetCursor(file, spec, workbook));
		}
		catch (RuntimeException ex) {
			try {
				workbook.close();
			}
			catch (IOException | RuntimeException closing) {
				ex.addSuppressed(closing);
			}
			throw ex;
		}
	}

	/**
	 * Opens the workbook from a stream, never from the file itself: the streaming reader
	 * opens a file it is given for reading and writing, and POI saves such a package over
	 * the original when it is closed after a parse error. From a stream, the reader works
	 * on a private temporary copy, so the input's bytes and modification time are never
	 * touched.
	 */
	private static Workbook openXlsx(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return StreamingReader.builder()
				.rowCacheSize(ROW_CACHE)
				.bufferSize(BUFFER)
				.setReadComments(false)
				.setReadCoreProperties(false)
				.setReadHyperlinks(false)
				.setReadShapes(false)
				.setReadSharedFormulas(false)
				.open(in);
		}
	}

	private static Workbook openXls(Path file) throws IOException {
		POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true);
		try {
			return new HSSFWorkbook(fs.getRoot(), true);
		}
		catch (IOException | RuntimeException ex) {
			fs.close();
			throw ex;
		}
	}

	List<String> header() {
		return header;
	}

	String sheetName() {
		return sheetName;
	}

	/** Hidden rows met so far (they are read like the others). */
	long hiddenRows() {
		return hiddenRows;
	}

	/**
	 * The next data row, or {@code null} after the last; rows with nothing in the
	 * header's columns are skipped.
	 */
	@Nullable ExcelRecord next() {
		return guard(file, this::nextRecord);
	}

	private @Nullable ExcelRecord nextRecord() {
		while (rows.hasNext()) {
			Row row = rows.next();
			int index = row.getRowNum();
			if (index < spec.firstDataRow() - 1) {
				continue;
			}
			ExcelRecord record = toRecord(row);
			if (record != null) {
				if (row.getZeroHeight()) {
					hiddenRows++;
				}
				return record;
			}
		}
		return null;
	}

	/** {@code null} for a row that holds nothing (a blank or merely formatted row). */
	private @Nullable ExcelRecord toRecord(Row row) {
		List<String> values = new ArrayList<>(header.size());
		for (int i = 0; i < header.size(); i++) {
			values.add("");
		}
		String error = null;
		boolean any = false;
		for (Cell cell : row) {
			int column = cell.getColumnIndex();
			String reference = new CellReference(row.getRowNum(), column).formatAsString();
			String cellError = cellText.error(cell);
			if (cellError != null) {
				any = true;
				if (error == null) {
					error = "cell " + reference + " holds the error " + cellError
							+ "; fix the formula or the value in the workbook";
				}
				continue;
			}
			String text = cellText.text(cell);
			if (text.isEmpty()) {
				continue;
			}
			any = true;
			if (column >= header.size()) {
				if (error == null) {
					error = "cell " + reference + " has a value but its column has no header; name the column or "
							+ "clear the cell";
				}
				continue;
			}
			if (text.length() > spec.maxCellChars()) {
				if (error == null) {
					error = "cell " + reference + " holds " + text.length() + " characters, more than the limit of "
							+ spec.maxCellChars() + " (max-cell-chars)";
				}
				continue;
			}
			values.set(column, text);
		}
		return any ? new ExcelRecord(row.getRowNum() + 1L, values, error) : null;
	}

	private Sheet selectSheet() {
		int count = workbook.getNumberOfSheets();
		String wanted = spec.sheet();
		if (wanted == null) {
			for (int i = 0; i < count; i++) {
				if (!workbook.isSheetHidden(i) && !workbook.isSheetVeryHidden(i)) {
					return workbook.getSheetAt(i);
				}
			}
			throw new InputFormatException(file, 0, null, -1, "the workbook has no visible sheet",
					"Unhide a sheet in Excel, or name the sheet to read with sheet: in the job file");
		}
		if (wanted.matches("#\\d{1,5}")) {
			int position = Integer.parseInt(wanted.substring(1));
			if (position >= 1 && position <= count) {
				return workbook.getSheetAt(position - 1);
			}
		}
		else {
			int index = workbook.getSheetIndex(wanted);
			if (index >= 0) {
				return workbook.getSheetAt(index);
			}
		}
		throw new InputFormatException(file, 0, null, -1,
				"the workbook has no sheet " + (wanted.startsWith("#") ? "at position " + wanted.substring(1)
						: "named '" + MessageText.cap(wanted) + "'") + "; its sheets are " + listSheets(),
				"Set sheet: in the job file to one of these names (or #1 for the first sheet)");
	}

	private String listSheets() {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
			boolean hidden = workbook.isSheetHidden(i) || workbook.isSheetVeryHidden(i);
			names.add("'" + MessageText.cap(workbook.getSheetName(i)) + "'" + (hidden ? " (hidden)" : ""));
		}
		return String.join(", ", names);
	}

	private List<String> readHeader() {
		int headerIndex = spec.headerRow() - 1;
		while (rows.hasNext()) {
			Row row = rows.next();
			if (row.getRowNum() < headerIndex) {
				continue;
			}
			if (row.getRowNum() > headerIndex) {
				break;
			}
			return headerOf(row);
		}
		throw new InputFormatException(file, spec.headerRow(), null, -1,
				"sheet '" + sheetName + "' has nothing on its header row " + spec.headerRow(),
				"Put the column names on row " + spec.headerRow() + ", or set header-row in the job file");
	}

	private List<String> headerOf(Row row) {
		List<String> names = new ArrayList<>();
		for (Cell cell : row) {
			String error = cellText.error(cell);
			String name = (error != null) ? error : cellText.text(cell).strip();
			if (name.isEmpty()) {
				continue;
			}
			while (names.size() < cell.getColumnIndex()) {
				names.add("");
			}
			names.add(name);
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < names.size(); i++) {
			String reference = new CellReference(row.getRowNum(), i).formatAsString();
			if (names.get(i).isEmpty()) {
				throw new InputFormatException(file, row.getRowNum() + 1L, null, -1,
						"header cell " + reference + " of sheet '" + sheetName + "' is empty (a merged header keeps "
								+ "its name in the first cell only)",
						"Give every column a name of its own on the header row");
			}
			if (!seen.add(names.get(i))) {
				throw new InputFormatException(
						file, row.getRowNum() + 1L, names.get(i), -1, "header cell " + reference + " of sheet '"
								+ sheetName + "' repeats the name '" + MessageText.cap(names.get(i)) + "'",
						"Give every column a different name");
			}
		}
		if (names.isEmpty()) {
			throw new InputFormatException(file, row.getRowNum() + 1L, null, -1,
					"sheet '" + sheetName + "' has nothing on its header row " + spec.headerRow(),
					"Put the column names on row " + spec.headerRow() + ", or set header-row in the job file");
		}
		return List.copyOf(names);
	}

	@Override
	public void close() throws IOException {
		workbook.close();
	}

	private static <T> T guard(Path file, Callable<T> action) {
		try {
			return action.call();
		}
		catch (InputFormatException ex) {
			throw ex;
		}
		catch (Exception | StackOverflowError ex) {
			throw WorkbookErrors.translate(file, ex);
		}
	}

}
