package dev.glmbatch.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.GenerateSpec;
import dev.glmbatch.jobdef.ThinkingMode;
import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.Thinking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates content from a prompt template with {@code {{column}}} placeholders.
 *
 * <p>
 * The template itself goes into the system prompt, so that prompt is identical for every
 * row; the row's values follow in the user message, each in its own data block under its
 * placeholder's name, so no value can pose as an instruction. With a JSON Schema the call
 * uses JSON mode and each schema field is an output column; without, the answer is the
 * {@code text} column. Thread-safe.
 */
public final class GenerateTask implements ContentTask {

	private static final Logger log = LoggerFactory.getLogger(GenerateTask.class);

	private final GenerateSpec spec;

	private final CheckedCalls calls;

	private final ChatMessage system;

	private final GenerationValidator validator;

	private final int answerBudget;

	public GenerateTask(GenerateSpec spec, String model, ThinkingMode thinkingMode, LlmClient client,
			String tagPrefix) {
		this.spec = spec;
		this.calls = new CheckedCalls(client, thinkingMode, model, tagPrefix);
		this.system = ChatMessage.system(systemPrompt(spec));
		this.validator = new GenerationValidator(spec);
		this.answerBudget = (spec.maxWords() != null) ? Math.max(256, spec.maxWords() * 3) : 2048;
	}

	/** The output columns this task adds, in order. */
	public static List<String> outputColumns(GenerateSpec spec) {
		return spec.fields().isEmpty() ? List.of("text") : spec.fields();
	}

	@Override
	public TaskResult perform(SourceRow row) {
		if (row.error() != null) {
			return TaskResult.rejected(row, Map.of(), row.error(), CallStats.NONE);
		}
		List<String> values = spec.sourceColumns().stream().map(row::value).toList();
		String token = DataBlock.tokenFor(values);
		StringBuilder user = new StringBuilder();
		for (int i = 0; i < values.size(); i++) {
			user.append("Value of {{")
				.append(spec.sourceColumns().get(i))
				.append("}}:\n")
				.append(DataBlock.wrap(values.get(i), token))
				.append('\n');
		}
		Thinking thinking = calls.policy()
			.initial(TaskKind.GENERATE, ItemProfile.of(spec.template() + "\n" + String.join("\n", values)));
		// the model's default sampling (do_sample unset), where the other tasks decode
		// greedily
		ChatRequest request = new ChatRequest(calls.model(), List.of(system, ChatMessage.user(user.toString().strip())),
				thinking, null, null, null, CheckedCalls.budget(answerBudget, thinking), spec.schema() != null, false,
				calls.tag(row));
		return calls.perform(row, request, answerBudget, validator, log, Function.identity());
	}

	static String systemPrompt(GenerateSpec spec) {
		List<String> lines = new ArrayList<>();
		lines.add("You write content for the rows of a batch, following the task below.");
		lines.add("Each user message gives the values of the task's placeholders, each one under its name.");
		lines.add(DataBlock.dataRule("use as the placeholder's value").strip());
		lines.add("Task (each {{name}} stands for the value given under that name):");
		lines.add("<<<TASK>>>");
		lines.add(spec.template().strip());
		lines.add("<<<END TASK>>>");
		lines.add("Rules:");
		if (spec.schema() != null) {
			lines.add("- Answer with one JSON object and nothing else. It must satisfy this JSON Schema:");
			lines.add("Output JSON Schema:");
			lines.add(spec.schema().strip());
		}
		else {
			lines.add("- Answer with the content only: no preamble, no notes, no markers.");
		}
		if (spec.maxWords() != null) {
			lines.add("- Write at most " + spec.maxWords() + " words in all.");
		}
		return String.join("\n", lines) + "\n";
	}

}
