package dev.glmbatch.pipeline;

import java.util.function.Function;

import dev.glmbatch.input.SourceRow;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.task.ContentTask;
import dev.glmbatch.task.TaskResult;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Adapts a {@link ContentTask} to Spring Batch. At step start it binds the task to a ledger-backed client for this
 * job instance, so every answer is looked up before it is paid for. Thread-safe once the step has started.
 */
final class TaskItemProcessor implements ItemProcessor<SourceRow, TaskResult>, StepExecutionListener {

	private final CallLedger ledger;

	private final LlmClient client;

	private final Function<LlmClient, ContentTask> taskFactory;

	private volatile @Nullable ContentTask task;

	TaskItemProcessor(CallLedger ledger, LlmClient client, Function<LlmClient, ContentTask> taskFactory) {
		this.ledger = ledger;
		this.client = client;
		this.taskFactory = taskFactory;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		long instanceId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
		this.task = taskFactory.apply(new LedgerLlmClient(ledger, instanceId, client));
	}

	@Override
	public TaskResult process(SourceRow row) {
		ContentTask bound = task;
		if (bound == null) {
			throw new IllegalStateException("the step has not started");
		}
		return bound.perform(row);
	}

}
