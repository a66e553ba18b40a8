package dev.glmbatch.pipeline;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.glmbatch.output.TableWriter;
import dev.glmbatch.output.csv.CsvTableWriter;
import dev.glmbatch.output.reject.RejectFile;
import dev.glmbatch.task.RowStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Publishes the output and reject files from the staging table, in row order. Each file is written beside its target
 * and renamed into place, so a crash during export leaves no partial file, and running the export again gives the
 * same files.
 */
final class ExportTasklet implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(ExportTasklet.class);

	private final ResultStaging staging;

	private final List<String> inputColumns;

	private final List<String> outputColumns;

	private final Path outputPath;

	private final Path rejectPath;

	ExportTasklet(ResultStaging staging, List<String> inputColumns, List<String> outputColumns, Path outputPath,
			Path rejectPath) {
		this.staging = staging;
		this.inputColumns = List.copyOf(inputColumns);
		this.outputColumns = List.copyOf(outputColumns);
		this.outputPath = outputPath;
		this.rejectPath = rejectPath;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		long instanceId = contribution.getStepExecution().getJobExecution().getJobInstance().getInstanceId();
		List<String> header = new ArrayList<>(inputColumns);
		header.addAll(outputColumns);
		long[] counts = new long[2];
		try (TableWriter output = CsvTableWriter.open(outputPath, header);
				TableWriter rejects = CsvTableWriter.open(rejectPath, RejectFile.header(inputColumns))) {
			staging.forEachRow(instanceId, row -> {
				if (row.status() == RowStatus.DONE) {
					List<String> values = new ArrayList<>(header.size());
					inputColumns.forEach(column -> values.add(row.input().getOrDefault(column, "")));
					outputColumns.forEach(column -> values.add(row.outputs().getOrDefault(column, "")));
					output.writeRow(values);
					counts[0]++;
				}
				else {
					rejects.writeRow(
							RejectFile.record(row.rowNumber(), row.line(), row.reason(), inputColumns, row.input()));
					counts[1]++;
				}
			});
			output.publish();
			rejects.publish();
		}
		contribution.incrementWriteCount(counts[0] + counts[1]);
		log.info("Exported {} rows to {} and {} rejects to {}", counts[0], outputPath, counts[1], rejectPath);
		return RepeatStatus.FINISHED;
	}

}
