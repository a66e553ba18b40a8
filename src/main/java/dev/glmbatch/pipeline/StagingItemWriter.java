package dev.glmbatch.pipeline;

import dev.glmbatch.task.RowStatus;
import dev.glmbatch.task.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes a chunk's results to the staging table, inside the chunk's transaction, and logs
 * one WARN line per rejected row, whatever rejected it (an unreadable row, an empty text,
 * a failed check): the row number only, as the reason may quote personal data and goes to
 * the reject file.
 */
final class StagingItemWriter implements ItemWriter<TaskResult>, StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(StagingItemWriter.class);

	private final ResultStaging staging;

	private final ProgressListener progress;

	private long jobInstanceId = -1;

	StagingItemWriter(ResultStaging staging, ProgressListener progress) {
		this.staging = staging;
		this.progress = progress;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.jobInstanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
	}

	@Override
	public void write(Chunk<? extends TaskResult> chunk) {
		staging.insert(jobInstanceId, chunk.getItems());
		for (TaskResult result : chunk.getItems()) {
			if (result.status() == RowStatus.REJECTED) {
				log.warn("Row {} rejected; its reason goes to the reject file", result.row().rowNumber());
			}
		}
		progress.staged(chunk.getItems());
	}

}
