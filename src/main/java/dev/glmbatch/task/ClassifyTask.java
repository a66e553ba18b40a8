package dev.glmbatch.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.ClassifySpec;
import dev.glmbatch.jobdef.ThinkingMode;
import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.Thinking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Labels each row from a closed list: one JSON-mode call per row, greedy decoding, no
 * tools offered.
 *
 * <p>
 * Output columns {@code label} (several joined with {@code |} when multi-label),
 * {@code confidence} and {@code reason}. The answer is parsed strictly and every label
 * checked against the list ({@link ClassificationValidator}); a failing answer is
 * repaired, escalated under {@code auto}, and otherwise rejected with its raw text.
 * Thread-safe.
 */
public final class ClassifyTask extends ItemTask {

	private static final Logger log = LoggerFactory.getLogger(ClassifyTask.class);

	static final int ANSWER_BUDGET_TOKENS = 300;

	public static final List<String> OUTPUT_COLUMNS = List.of("label", "confidence", "reason");

	private final ClassifySpec spec;

	private final ChatMessage system;

	private final ClassificationValidator validator;

	public ClassifyTask(ClassifySpec spec, String model, ThinkingMode thinkingMode, LlmClient client,
			String tagPrefix) {
		super(spec.sourceColumns(), TaskKind.CLASSIFY, "classify",
				new CheckedCalls(client, thinkingMode, model, tagPrefix));
		this.spec = spec;
		this.system = ChatMessage.system(systemPrompt(spec));
		this.validator = new ClassificationValidator(spec);
	}

	@Override
	TaskResult perform(SourceRow row, String item, Thinking thinking) {
		ChatRequest request = calls()
			.request(List.of(system, ChatMessage.user(DataBlock.wrap(item))), thinking, ANSWER_BUDGET_TOKENS,
					calls().tag(row))
			.withJsonMode(true);
		return calls().perform(row, request, ANSWER_BUDGET_TOKENS, validator, log, ClassifyTask::outputs);
	}

	private static Map<String, String> outputs(ClassificationValidator.Classification result) {
		Map<String, String> outputs = new LinkedHashMap<>();
		outputs.put("label", String.join("|", result.labels()));
		outputs.put("confidence", String.format(Locale.ROOT, "%.2f", result.confidence()));
		outputs.put("reason", result.reason());
		return outputs;
	}

	static String systemPrompt(ClassifySpec spec) {
		StringBuilder prompt = promptOpening("You classify the items of a batch into labels from a closed list.",
				"classify")
			.append("Labels (choose only from these):\n");
		for (ClassifySpec.Label label : spec.labels()) {
			prompt.append("- ").append(label.name());
			if (label.description() != null) {
				prompt.append(": ").append(label.description());
			}
			prompt.append('\n');
		}
		prompt.append("Rules:\n")
			.append(spec.multiLabel() ? "- Choose every label that applies, at least one.\n"
					: "- Choose exactly one label.\n")
			.append("- Write label names exactly as listed; never invent a label.\n")
			.append("- Answer with one JSON object and nothing else: {\"labels\": [\"<label>\"], \"confidence\": ")
			.append("<number from 0 to 1>, \"reason\": \"<one short sentence>\"}\n");
		if (spec.instructions() != null) {
			prompt.append("- ").append(spec.instructions()).append('\n');
		}
		if (!spec.examples().isEmpty()) {
			prompt.append("Examples:\n");
			for (ClassifySpec.Example example : spec.examples()) {
				prompt.append("Item: ").append(example.text().replace('\n', ' ')).append("\nAnswer: {\"labels\": [");
				for (int i = 0; i < example.labels().size(); i++) {
					prompt.append((i > 0) ? ", " : "").append('"').append(example.labels().get(i)).append('"');
				}
				prompt.append("], \"confidence\": 0.9, \"reason\": \"...\"}\n");
			}
		}
		return prompt.toString();
	}

}
