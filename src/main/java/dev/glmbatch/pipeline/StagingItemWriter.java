package dev.glmbatch.pipeline;

import dev.glmbatch.task.TaskResult;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** Writes a chunk's results to the staging table, inside the chunk's transaction. */
final class StagingItemWriter implements ItemWriter<TaskResult>, StepExecutionListener {

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
		progress.staged(chunk.getItems());
	}

}
