package dev.glmbatch.output.excel;

import java.nio.file.Path;
import java.util.Locale;

import org.apache.poi.xssf.usermodel.XSSFWorkbookType;

/**
 * The kind of workbook a file name calls for. Excel refuses a file whose extension does
 * not match its content type, so an {@code .xlsm} file is written as a macro-enabled
 * workbook and anything else as a plain one.
 */
final class WorkbookKind {

	private WorkbookKind() {
	}

	static XSSFWorkbookType of(Path target) {
		String name = String.valueOf(target.getFileName()).toLowerCase(Locale.ROOT);
		return name.endsWith(".xlsm") ? XSSFWorkbookType.XLSM : XSSFWorkbookType.XLSX;
	}

}
