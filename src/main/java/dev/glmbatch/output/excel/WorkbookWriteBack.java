package dev.glmbatch.output.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackagePartName;
import org.apache.poi.openxml4j.opc.PackageRelationship;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.opc.PackagingURIHelper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbookType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.excel.WorkbookSafety;
import dev.glmbatch.output.FormulaGuard;
import dev.glmbatch.output.PartialFile;

/**
 * Writes results back into a copy of the input workbook: the result columns are added to
 * the right of the last used header cell of the sheet that was read, on each row's own
 * sheet row; everything else (other sheets, formats, formulas, merged cells) is kept. A
 * sheet {@code failures} (or {@code failures (2)}, ... when the name is taken) lists the
 * failed rows. The input workbook is loaded whole, so this mode suits workbooks that open
 * comfortably in Excel; the input file itself is never written. The copy's content type
 * follows the target's name: an {@code .xlsm} target is a macro-enabled workbook that
 * keeps the input's macros, an {@code .xlsx} target a plain workbook without them. Values
 * follow the same rules as {@link XlsxTableWriter}. Not thread-safe.
 */
public final class WorkbookWriteBack implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(WorkbookWriteBack.class);

	private final PartialFile file;

	private final XSSFWorkbook workbook;

	private final Sheet sheet;

	private final int firstColumn;

	private final boolean guardFormulas;

	private final CellStyles styles;

	private final Sheet failures;

	private int nextFailureRow = 1;

	private WorkbookWriteBack(Path input, @Nullable String sheetName, int headerRow, List<String> outputColumns,
			Path target, boolean guardFormulas) throws IOException {
		this.workbook = load(input, WorkbookKind.of(target));
		this.sheet = workbook.getSheetAt(sheetIndex(workbook, sheetName));
		this.guardFormulas = guardFormulas;
		this.styles = new CellStyles(workbook);
		Row header = sheet.getRow(headerRow - 1);
		if (header == null) {
			header = sheet.createRow(headerRow - 1);
		}
		this.firstColumn = Math.max(0, header.getLastCellNum());
		CellStyle headerStyle = styles.header;
		for (int i = 0; i < outputColumns.size(); i++) {
			Cell cell = header.createCell(firstColumn + i);
			cell.setCellValue(outputColumns.get(i));
			cell.setCellStyle(headerStyle);
			sheet.setColumnWidth(firstColumn + i, 40 * 256);
		}
		this.failures = workbook.createSheet(freeName(workbook, XlsxTableWriter.FAILURES_SHEET));
		Row failureHeader = failures.createRow(0);
		for (int i = 0; i < XlsxTableWriter.FAILURE_HEADER.size(); i++) {
			Cell cell = failureHeader.createCell(i);
			cell.setCellValue(XlsxTableWriter.FAILURE_HEADER.get(i));
			cell.setCellStyle(headerStyle);
		}
		this.file = PartialFile.create(target);
	}

	/**
	 * Loads the input workbook and adds the result column names to its header row.
	 * @param sheetName the sheet that was read, as the job names it ({@code null}, a name
	 * or {@code #n})
	 * @param headerRow the 1-based header row of that sheet
	 */
	public static WorkbookWriteBack open(Path input, @Nullable String sheetName, int headerRow,
			List<String> outputColumns, Path target, boolean guardFormulas) {
		try {
			return new WorkbookWriteBack(input, sheetName, headerRow, outputColumns, target, guardFormulas);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot copy the workbook " + input + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Loads the input as a workbook of the kind the target's name calls for. A
	 * macro-enabled input written to an {@code .xlsx} loses its VBA project (Excel
	 * refuses an {@code .xlsx} that holds one); an {@code .xlsm} target keeps it.
	 */
	private static XSSFWorkbook load(Path input, XSSFWorkbookType kind) throws IOException {
		OPCPackage pkg;
		try (InputStream in = Files.newInputStream(input)) {
			pkg = OPCPackage.open(in);
		}
		catch (InvalidFormatException ex) {
			throw new IOException(ex.getMessage(), ex);
		}
		try {
			int dropped = (kind == XSSFWorkbookType.XLSX) ? removeVbaProjects(pkg) : 0;
			XSSFWorkbook loaded = new XSSFWorkbook(pkg);
			loaded.setWorkbookType(kind);
			if (dropped > 0) {
				log.warn("{} holds macros, which an .xlsx workbook cannot keep: the copy is written without them;"
						+ " name the output .xlsm to keep them", input);
			}
			return loaded;
		}
		catch (InvalidFormatException | IOException | RuntimeException ex) {
			pkg.revert();
			throw (ex instanceof IOException io) ? io : new IOException(ex.getMessage(), ex);
		}
	}

	/**
	 * Removes the workbook's VBA projects (and the parts they refer to, such as
	 * signatures); returns how many.
	 */
	private static int removeVbaProjects(OPCPackage pkg) throws InvalidFormatException {
		PackagePart workbookPart = pkg
			.getPart(pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT).getRelationship(0));
		List<PackageRelationship> projects = new ArrayList<>();
		workbookPart.getRelationshipsByType(XSSFRelation.VBA_MACROS.getRelation()).forEach(projects::add);
		for (PackageRelationship project : projects) {
			PackagePartName name = PackagingURIHelper.createPartName(
					PackagingURIHelper.resolvePartUri(workbookPart.getPartName().getURI(), project.getTargetURI()));
			workbookPart.removeRelationship(project.getId());
			if (pkg.containPart(name)) {
				pkg.removePartRecursive(name);
			}
		}
		return projects.size();
	}

	/**
	 * Refuses, before any row is processed, an input workbook that cannot be copied: one
	 * saved as Strict Open XML (it is read, but POI cannot load it whole to write it
	 * back).
	 * @throws InputFormatException naming the file and what to do
	 */
	public static void requireCopyable(Path input) {
		WorkbookSafety.apply();
		OPCPackage pkg;
		try {
			pkg = OPCPackage.open(input.toFile(), PackageAccess.READ);
		}
		catch (InvalidFormatException | RuntimeException ex) {
			throw new InputFormatException(input, 0, null, -1,
					"the workbook cannot be opened to copy it (" + ex.getClass().getSimpleName() + ")",
					"Open it in Excel and save it as Excel Workbook (.xlsx), or remove into-workbook", ex);
		}
		try {
			if (pkg.isStrictOoxmlFormat()) {
				throw new InputFormatException(input, 0, null, -1,
						"the workbook is saved as Strict Open XML: it can be read, but into-workbook cannot copy it",
						"Open it in Excel and save it as Excel Workbook (.xlsx), or remove into-workbook to write the"
								+ " results to a new workbook");
			}
		}
		finally {
			// a package opened read-only is let go with revert(); close() would try to
			// save it
			pkg.revert();
		}
	}

	/** Puts one row's results on its sheet row (1-based, as the reader reported it). */
	public void writeResults(long line, List<String> values) {
		writeResults(line, values, new boolean[0]);
	}

	/**
	 * Writes a row's results beside its source columns.
	 * @param numeric by result index, whether the value is a number to write as a numeric
	 * cell
	 */
	public void writeResults(long line, List<String> values, boolean[] numeric) {
		Row row = sheet.getRow((int) line - 1);
		if (row == null) {
			row = sheet.createRow((int) line - 1);
		}
		for (int i = 0; i < values.size(); i++) {
			// a rejected row's empty results stay empty cells, as in the rest of the
			// sheet
			if (values.get(i).isEmpty()
					|| (i < numeric.length && numeric[i] && NumericCells.write(row, firstColumn + i, values.get(i)))) {
				continue;
			}
			String value = CellLimit.fit(values.get(i));
			Cell cell = row.createCell(firstColumn + i);
			cell.setCellValue(value);
			cell.setCellStyle(styles.forText(value, guardFormulas && FormulaGuard.isRisky(value)));
		}
	}

	/** Adds a line to the failures sheet. */
	public void writeFailure(long rowNumber, long line, String reason, long attempts) {
		Row row = failures.createRow(nextFailureRow++);
		row.createCell(0).setCellValue(rowNumber);
		row.createCell(1).setCellValue(line);
		String text = CellLimit.fit(reason);
		Cell cell = row.createCell(2);
		cell.setCellValue(text);
		cell.setCellStyle(styles.forText(text, guardFormulas && FormulaGuard.isRisky(text)));
		row.createCell(3).setCellValue(attempts);
	}

	public Path publish() {
		try {
			workbook.write(file.stream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file.partialPath() + ": " + ex.getMessage(), ex);
		}
		return file.publish();
	}

	@Override
	public void close() {
		try {
			workbook.close();
		}
		catch (IOException ex) {
			log.debug("Closing the workbook failed", ex);
		}
		finally {
			file.close();
		}
	}

	private static int sheetIndex(XSSFWorkbook workbook, @Nullable String name) {
		if (name == null) {
			for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
				if (!workbook.isSheetHidden(i) && !workbook.isSheetVeryHidden(i)) {
					return i;
				}
			}
			return 0;
		}
		if (name.matches("#\\d{1,5}")) {
			return Integer.parseInt(name.substring(1)) - 1;
		}
		int index = workbook.getSheetIndex(name);
		if (index < 0) {
			throw new IllegalArgumentException("the workbook has no sheet named '" + name + "'");
		}
		return index;
	}

	private static String freeName(XSSFWorkbook workbook, String base) {
		String name = base;
		for (int n = 2; workbook.getSheet(name) != null; n++) {
			name = base + " (" + n + ")";
		}
		return name;
	}

}
