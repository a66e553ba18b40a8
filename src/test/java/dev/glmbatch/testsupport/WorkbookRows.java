package dev.glmbatch.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * The first sheet of a workbook as a user sees it: each row's cells as formatted text,
 * the header row first.
 */
public final class WorkbookRows {

	private WorkbookRows() {
	}

	public static List<List<String>> of(byte[] xlsx) throws IOException {
		return of(new ByteArrayInputStream(xlsx));
	}

	public static List<List<String>> of(Path xlsx) throws IOException {
		try (InputStream in = Files.newInputStream(xlsx)) {
			return of(in);
		}
	}

	private static List<List<String>> of(InputStream xlsx) throws IOException {
		DataFormatter formatter = new DataFormatter();
		List<List<String>> rows = new ArrayList<>();
		try (Workbook workbook = WorkbookFactory.create(xlsx)) {
			for (Row row : workbook.getSheetAt(0)) {
				List<String> cells = new ArrayList<>();
				for (int column = 0; column < row.getLastCellNum(); column++) {
					cells.add(formatter.formatCellValue(row.getCell(column)));
				}
				rows.add(cells);
			}
		}
		return rows;
	}

}
