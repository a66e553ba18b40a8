package dev.glmbatch.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.glmbatch.input.RowSource;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.testsupport.AbstractApplicationTests;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows of a distributed run as the state database keeps them: split into ranges that
 * cover every row once, in order, of sizes within one row of each other, and read back
 * range by range, across pages, with their columns in header order.
 */
class StoredInputTests extends AbstractApplicationTests {

	@Test
	void partitionsCoverEveryRowOnceInRangesOfNearlyEqualSize() {
		StoredInput input = storedWith(7, 1001);
		List<ExecutionContext> ranges = sorted(input.partitioner(7, 24).partition(24));
		assertThat(ranges).hasSize(24);
		long next = 1;
		for (ExecutionContext range : ranges) {
			assertThat(range.getLong(StoredInput.FIRST_ROW)).isEqualTo(next);
			long size = range.getLong(StoredInput.LAST_ROW) - next + 1;
			assertThat(size).isBetween(41L, 42L);
			next += size;
		}
		assertThat(next).isEqualTo(1002);
	}

	@Test
	void fewerRowsThanPartitionsMakeOnePartitionARow() {
		StoredInput input = storedWith(8, 3);
		List<ExecutionContext> ranges = sorted(input.partitioner(8, 24).partition(24));
		assertThat(ranges).extracting(range -> range.getLong(StoredInput.FIRST_ROW)).containsExactly(1L, 2L, 3L);
		assertThat(ranges).extracting(range -> range.getLong(StoredInput.LAST_ROW)).containsExactly(1L, 2L, 3L);
	}

	@Test
	void aRangeReadsItsRowsInOrderAcrossPages() throws Exception {
		StoredInput input = storedWith(9, 1300);
		List<SourceRow> rows = new ArrayList<>();
		try (RowSource range = input.range(9, 101, 1250)) {
			range.open();
			for (SourceRow row = range.read(); row != null; row = range.read()) {
				rows.add(row);
			}
			assertThat(range.read()).isNull();
		}
		assertThat(rows).hasSize(1150);
		assertThat(rows.get(0).rowNumber()).isEqualTo(101);
		assertThat(rows.get(1149).rowNumber()).isEqualTo(1250);
		assertThat(rows.get(0).columns().keySet()).containsExactly("sku", "name");
		assertThat(rows.get(0).value("name")).isEqualTo("Product 101");
		assertThat(rows.stream().filter(row -> !row.isValid()).map(SourceRow::rowNumber)).containsExactly(500L);
	}

	private StoredInput storedWith(long run, int rows) {
		runs();
		DataSource dataSource = application.bean(DataSource.class);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		List<Object[]> batch = new ArrayList<>();
		for (int i = 1; i <= rows; i++) {
			batch.add(new Object[] { run, i, i + 1, "{\"sku\":\"P" + i + "\",\"name\":\"Product " + i + "\"}",
					(i == 500) ? "line 501 is ragged" : null });
		}
		jdbc.batchUpdate("INSERT INTO GLMB_INPUT_ROW (JOB_INSTANCE_ID, ROW_NO, LINE_NO, COLUMNS_JSON, ERROR)"
				+ " VALUES (?, ?, ?, ?, ?)", batch);
		return new StoredInput(dataSource);
	}

	private static List<ExecutionContext> sorted(Map<String, ExecutionContext> partitions) {
		return partitions.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
			.map(Map.Entry::getValue)
			.toList();
	}

}
