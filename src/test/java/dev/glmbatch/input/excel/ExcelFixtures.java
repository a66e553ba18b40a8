package dev.glmbatch.input.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.RowReader;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.InputFormat;
import dev.glmbatch.jobdef.InputSpec;

/**
 * Builds small workbooks with POI inside the tests, and reads them through
 * {@link InputFiles}.
 */
final class ExcelFixtures {

	private ExcelFixtures() {
	}

	static Path xlsx(Path file, Consumer<Workbook> content) {
		return write(file, new XSSFWorkbook(), content);
	}

	/**
	 * A workbook of one sheet that holds {@code rows} from its first row down, each value
	 * a text cell from column A.
	 */
	@SafeVarargs
	static Path xlsx(Path file, String sheet, List<String>... rows) {
		return xlsx(file, workbook -> {
			Sheet created = workbook.createSheet(sheet);
			for (int i = 0; i < rows.length; i++) {
				row(created, i, rows[i].toArray(String[]::new));
			}
		});
	}

	static Path xls(Path file, Consumer<Workbook> content) {
		return write(file, new HSSFWorkbook(), content);
	}

	static Path write(Path file, Workbook workbook, Consumer<Workbook> content) {
		try (workbook; OutputStream out = Files.newOutputStream(file)) {
			content.accept(workbook);
			workbook.write(out);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Puts text values on a sheet's row (0-based), one per column from A. */
	static Row row(Sheet sheet, int index, String... values) {
		Row row = sheet.createRow(index);
		for (int i = 0; i < values.length; i++) {
			row.createCell(i).setCellValue(values[i]);
		}
		return row;
	}

	static InputSpec spec(Path file) {
		return new InputSpec(file, InputFormat.XLSX, StandardCharsets.UTF_8, null, null);
	}

	static InputSpec spec(Path file, String sheet, int headerRow, int firstDataRow) {
		return new InputSpec(file, InputFormat.XLSX, StandardCharsets.UTF_8, null, null, sheet, headerRow, firstDataRow,
				InputSpec.DEFAULT_MAX_CELL_CHARS, InputSpec.DEFAULT_MAX_ROWS);
	}

	static InputSpec withLimits(Path file, int maxCellChars, long maxRows) {
		return new InputSpec(file, InputFormat.XLSX, StandardCharsets.UTF_8, null, null, null, 1, 2, maxCellChars,
				maxRows);
	}

	static List<SourceRow> readAll(InputSpec spec) {
		try (RowReader reader = InputFiles.openReader(spec, InputFiles.inspect(spec))) {
			reader.open();
			List<SourceRow> rows = new ArrayList<>();
			for (SourceRow row = reader.read(); row != null; row = reader.read()) {
				rows.add(row);
			}
			return rows;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
