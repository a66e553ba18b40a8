package dev.glmbatch.task;

import java.util.List;
import java.util.Map;

import dev.glmbatch.input.SourceRow;
import dev.glmbatch.llm.Thinking;

/**
 * A task that sends each row's item, the text of its source columns ({@link ItemText}),
 * in one checked call. A row read with an error, or whose source columns are all empty,
 * is rejected here without a call; the thinking of the call is chosen for the item.
 * Thread-safe when the subclass is.
 */
abstract sealed class ItemTask implements ContentTask permits ClassifyTask, ExtractTask {

	private final List<String> sourceColumns;

	private final TaskKind kind;

	private final String work;

	private final CheckedCalls calls;

	/**
	 * @param kind the kind of work, for the thinking policy
	 * @param work what the task does to an item, for the reason of an empty one
	 * ({@code classify}, {@code extract from})
	 */
	ItemTask(List<String> sourceColumns, TaskKind kind, String work, CheckedCalls calls) {
		this.sourceColumns = sourceColumns;
		this.kind = kind;
		this.work = work;
		this.calls = calls;
	}

	@Override
	public final TaskResult perform(SourceRow row) {
		if (row.error() != null) {
			return TaskResult.rejected(row, Map.of(), row.error(), CallStats.NONE);
		}
		String item = ItemText.of(row, sourceColumns);
		if (item.isBlank()) {
			return TaskResult.rejected(row, Map.of(),
					"nothing to " + work + ": " + String.join(", ", sourceColumns) + " empty", CallStats.NONE);
		}
		return perform(row, item, calls.policy().initial(kind, ItemProfile.of(item)));
	}

	/**
	 * The opening of an item task's system prompt: what the model does to the items of
	 * the batch, that each user message gives one item, and the rule that keeps an item
	 * data ({@link DataBlock#dataRule}).
	 * @param task the first sentence, e.g. {@code You classify the items of a batch ...}
	 * @param dataWork what the model does to the data, for the rule
	 */
	static StringBuilder promptOpening(String task, String dataWork) {
		return new StringBuilder(1024).append(task)
			.append('\n')
			.append("Each user message gives one item.\n")
			.append(DataBlock.dataRule(dataWork));
	}

	final CheckedCalls calls() {
		return calls;
	}

	/**
	 * Sends a row's item, which is not blank, and makes the row's result from the answer.
	 */
	abstract TaskResult perform(SourceRow row, String item, Thinking thinking);

}
