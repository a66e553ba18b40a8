package dev.glmbatch.input.excel;

import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.Sheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.InputSpec;

import static dev.glmbatch.input.excel.ExcelFixtures.readAll;
import static dev.glmbatch.input.excel.ExcelFixtures.row;
import static dev.glmbatch.input.excel.ExcelFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which sheet and rows are read, the header, the row limit, and restart by position. */
class ExcelSheetTests {

	@TempDir
	Path dir;

	@Test
	void firstVisibleSheetIsReadByDefaultAndHiddenRowsAreRead() {
		Path file = ExcelFixtures.xlsx(dir.resolve("sheets.xlsx"), workbook -> {
			Sheet hidden = workbook.createSheet("secret");
			row(hidden, 0, "id");
			row(hidden, 1, "hidden sheet");
			Sheet visible = workbook.createSheet("visible");
			row(visible, 0, "id");
			row(visible, 1, "one");
			row(visible, 2, "two").setZeroHeight(true);
			workbook.setSheetHidden(0, true);
			workbook.setActiveSheet(1);
		});

		assertThat(readAll(spec(file))).extracting(row -> row.value("id")).containsExactly("one", "two");
	}

	@Test
	void sheetIsChosenByNameOrPosition() {
		Path file = twoSheets();

		assertThat(readAll(spec(file, "second", 1, 2))).extracting(row -> row.value("id")).containsExactly("b");
		assertThat(readAll(spec(file, "#2", 1, 2))).extracting(row -> row.value("id")).containsExactly("b");
		assertThat(readAll(spec(file, "#1", 1, 2))).extracting(row -> row.value("id")).containsExactly("a");
	}

	@Test
	void wrongSheetNameListsTheSheetsThatExist() {
		Path file = twoSheets();

		assertThatThrownBy(() -> InputFiles.inspect(spec(file, "Second ", 1, 2)))
			.isInstanceOf(InputFormatException.class)
			.hasMessageContaining("no sheet named 'Second '")
			.hasMessageContaining("'first', 'second'");
	}

	@Test
	void headerRowAndFirstDataRowSkipTitleLines() {
		Path file = ExcelFixtures.xlsx(dir.resolve("titled.xlsx"), workbook -> {
			Sheet sheet = workbook.createSheet("report");
			row(sheet, 0, "Quarterly report");
			row(sheet, 2, "sku", "name");
			row(sheet, 3, "(units)", "(text)");
			row(sheet, 4, "P1", "Lamp");
		});

		InputSpec spec = spec(file, null, 3, 5);
		List<SourceRow> rows = readAll(spec);

		assertThat(InputFiles.inspect(spec).header()).containsExactly("sku", "name");
		assertThat(rows).singleElement().satisfies(row -> {
			assertThat(row.value("name")).isEqualTo("Lamp");
			assertThat(row.line()).isEqualTo(5);
			assertThat(row.rowNumber()).isEqualTo(1);
		});
	}

	@Test
	void blankOrRepeatedHeaderCellIsRefused() {
		Path gap = ExcelFixtures.xlsx(dir.resolve("gap.xlsx"), "s", List.of("a", "", "c"), List.of("1", "2", "3"));
		Path twice = ExcelFixtures.xlsx(dir.resolve("twice.xlsx"), "s", List.of("a", "a"), List.of("1", "2"));

		assertThatThrownBy(() -> InputFiles.inspect(spec(gap))).hasMessageContaining("header cell B1")
			.hasMessageContaining("empty");
		assertThatThrownBy(() -> InputFiles.inspect(spec(twice))).hasMessageContaining("header cell B1")
			.hasMessageContaining("repeats");
	}

	@Test
	void moreRowsThanTheLimitRefuseTheFileBeforeAnyRowIsRead() {
		Path file = ExcelFixtures.xlsx(dir.resolve("many.xlsx"), "s", List.of("id"), List.of("r1"), List.of("r2"),
				List.of("r3"), List.of("r4"));

		assertThat(InputFiles.inspect(ExcelFixtures.withLimits(file, 100, 4)).dataRows()).isEqualTo(4);
		assertThatThrownBy(() -> InputFiles.inspect(ExcelFixtures.withLimits(file, 100, 3)))
			.hasMessageContaining("more than 3 data rows")
			.hasMessageContaining("max-rows");
	}

	private Path twoSheets() {
		return ExcelFixtures.xlsx(dir.resolve("two.xlsx"), workbook -> {
			row(workbook.createSheet("first"), 0, "id");
			row(workbook.getSheet("first"), 1, "a");
			row(workbook.createSheet("second"), 0, "id");
			row(workbook.getSheet("second"), 1, "b");
		});
	}

}
