package dev.glmbatch.task;

import dev.glmbatch.input.SourceRow;

/**
 * One content task applied to each row: row in, result out.
 *
 * <p>
 * Item-level problems (an answer that fails its check, content refused by the model) come
 * back as a {@link TaskResult} with status {@link RowStatus#REJECTED}; job-level faults
 * propagate as {@link dev.glmbatch.llm.LlmException}s. Implementations are thread-safe:
 * rows of a chunk run concurrently.
 */
@FunctionalInterface
public interface ContentTask {

	TaskResult perform(SourceRow row);

}
