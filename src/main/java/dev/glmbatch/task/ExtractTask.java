package dev.glmbatch.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.ExtractSpec;
import dev.glmbatch.jobdef.ThinkingMode;
import dev.glmbatch.llm.ChatMessage;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.Thinking;
import dev.glmbatch.llm.ToolFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads fields out of each row's text into the shape of the job's JSON Schema, by
 * function calling.
 *
 * <p>
 * Each call offers one function, {@value #FUNCTION}, whose parameters are the schema,
 * with {@code tool_choice} left at {@code auto} (GLM accepts no other value, so a call
 * cannot be forced), and a system prompt that tells the model to answer only by calling
 * it once. The answer is checked on our side ({@link ExtractionValidator}): a call whose
 * arguments match the schema, else a JSON object in the content; a failing answer gets
 * one repair call that says what failed, is escalated under {@code auto}, and is
 * otherwise rejected with the reason. Each top-level property of the schema is an output
 * column; the whole object goes to the output too, under {@value #RAW_OUTPUT}, for JSONL.
 * Thread-safe.
 */
public final class ExtractTask extends ItemTask {

	private static final Logger log = LoggerFactory.getLogger(ExtractTask.class);

	/** The function the model is asked to call. */
	public static final String FUNCTION = "record_fields";

	/**
	 * The output holding the extracted object as JSON text. Not an output column: a
	 * schema property cannot have this name, since output column names take no {@code -}.
	 */
	public static final String RAW_OUTPUT = "raw-json";

	static final int ANSWER_BUDGET_TOKENS = 1024;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ExtractSpec spec;

	private final ChatMessage system;

	private final ToolFunction tool;

	private final ExtractionValidator validator;

	public ExtractTask(ExtractSpec spec, String model, ThinkingMode thinkingMode, LlmClient client, String tagPrefix) {
		super(spec.sourceColumns(), TaskKind.EXTRACT, "extract from",
				new CheckedCalls(client, thinkingMode, model, tagPrefix));
		this.spec = spec;
		this.system = ChatMessage.system(systemPrompt(spec));
		// the schema exactly once, compact, whatever its spelling in the job file
		this.tool = new ToolFunction(FUNCTION,
				"Records the fields read from the item. Call it exactly once, with " + "every field the item states.",
				json.writeValueAsString(json.readTree(spec.schema())));
		this.validator = new ExtractionValidator(spec, FUNCTION);
	}

	/** The output columns this task adds, in order: the schema's top-level properties. */
	public static List<String> outputColumns(ExtractSpec spec) {
		return spec.fields();
	}

	@Override
	TaskResult perform(SourceRow row, String item, Thinking thinking) {
		ChatRequest request = calls()
			.request(List.of(system, ChatMessage.user(DataBlock.wrap(item))), thinking, ANSWER_BUDGET_TOKENS,
					calls().tag(row))
			.withTools(List.of(tool));
		return calls().perform(row, request, ANSWER_BUDGET_TOKENS, validator, log, (extraction) -> {
			if (!extraction.called()) {
				log.debug("Row {}: no valid function call; the JSON in the answer's text was used", row.rowNumber());
			}
			Map<String, String> outputs = new LinkedHashMap<>(extraction.values());
			outputs.put(RAW_OUTPUT, extraction.json());
			return outputs;
		});
	}

	static String systemPrompt(ExtractSpec spec) {
		StringBuilder prompt = promptOpening("You extract structured fields from the items of a batch.",
				"extract fields from")
			.append("Rules:\n")
			.append("- Answer only by calling the function ")
			.append(FUNCTION)
			.append(" exactly once, with the fields as its arguments. Write no text.\n")
			.append("- Take every value from the item; leave out a field the item does not state, unless it is "
					+ "required.\n")
			.append("- Give numbers as JSON numbers, without currency signs or thousands separators.\n");
		if (spec.instructions() != null) {
			prompt.append("- ").append(spec.instructions()).append('\n');
		}
		return prompt.toString();
	}

}
