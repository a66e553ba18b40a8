package dev.glmbatch.input.excel;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.JobDefinitionLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** The Excel demo job of the README loads and its workbook reads. */
class DemoWorkbookTests {

	@Test
	void demoJobWritesBackIntoItsWorkbookAndTheWorkbookReads() {
		JobDefinition job = JobDefinitionLoader.load(Path.of("jobs/demo-translate-xlsx.yaml").toAbsolutePath());

		InputInspection inspection = InputFiles.inspect(job.input());

		assertThat(job.output().intoWorkbook()).isTrue();
		assertThat(inspection.header()).containsExactly("sku", "name", "description", "price", "price incl. VAT");
		assertThat(inspection.dataRows()).isEqualTo(6);
		assertThat(ExcelFixtures.readAll(job.input())).first()
			.satisfies(row -> assertThat(row.value("price incl. VAT")).isEqualTo("59.88"));
	}

}
