package dev.glmbatch.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.glmbatch.jobdef.ExtractSpec;
import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.ToolCall;
import tools.jackson.databind.JsonNode;

/**
 * Checks an extraction answer. Accepted first: finish reason {@code tool_calls} with
 * exactly one call of the task's function, whose arguments (JSON text) parse to an object
 * that the JSON Schema validator (draft 2020-12) accepts. Failing that, one JSON object
 * in the content that the schema accepts, for a model that answered in text instead.
 * Failing both, the failure of the call when there was one, since that is what the model
 * was asked for, otherwise that of the content. Pure and thread-safe.
 */
final class ExtractionValidator implements AnswerValidator<ExtractionValidator.Extraction> {

	private final ExtractSpec spec;

	private final String function;

	private final AnswerSchema schema;

	ExtractionValidator(ExtractSpec spec, String function) {
		this.spec = spec;
		this.function = function;
		this.schema = new AnswerSchema(spec.schema());
	}

	@Override
	public CheckedAnswer<Extraction> validate(ChatAnswer answer) {
		CheckedAnswer<Extraction> called = (answer.finishReason() == FinishReason.TOOL_CALLS)
				? fromCall(answer.toolCalls()) : null;
		if (called != null && called.passed()) {
			return called;
		}
		String content = answer.content().strip();
		if (!content.isEmpty()) {
			CheckedAnswer<Extraction> written = validate(content);
			return (written.passed() || called == null) ? written : called;
		}
		if (called != null) {
			return called;
		}
		return CheckedAnswer.failed("no_call", "the answer neither called " + function
				+ " nor held a JSON object; answer only by calling " + function + " once with all the fields");
	}

	/** The content alone: one JSON object the schema accepts. */
	@Override
	public CheckedAnswer<Extraction> validate(String content) {
		CheckedAnswer<JsonNode> parsed = JsonAnswer.parseObject(content);
		if (!parsed.passed()) {
			return CheckedAnswer.failed(parsed.requireFailure().kind(), parsed.requireFailure().detail());
		}
		return checked(parsed.requireValue(), false);
	}

	private CheckedAnswer<Extraction> fromCall(List<ToolCall> calls) {
		List<ToolCall> ours = calls.stream().filter(call -> call.name().equals(function)).toList();
		if (ours.size() != 1) {
			return CheckedAnswer.failed("tool_call",
					(ours.isEmpty() ? "the answer called no function " + function
							: "the answer called " + function + " " + ours.size() + " times")
							+ "; call it exactly once with all the fields");
		}
		CheckedAnswer<JsonNode> parsed = JsonAnswer.parseObject(ours.get(0).arguments());
		if (!parsed.passed()) {
			return CheckedAnswer.failed("tool_arguments", "the arguments of " + function + " are not one JSON object: "
					+ parsed.requireFailure().detail().replace("the answer", "they"));
		}
		return checked(parsed.requireValue(), true);
	}

	private CheckedAnswer<Extraction> checked(JsonNode object, boolean called) {
		String mismatches = schema.mismatches(object);
		if (mismatches != null) {
			return CheckedAnswer.failed("schema",
					(called ? "the arguments of " + function : "the JSON") + " do not match the schema: " + mismatches);
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (String field : spec.fields()) {
			JsonNode value = object.get(field);
			if (value == null || value.isNull()) {
				values.put(field, "");
			}
			else {
				values.put(field, value.isString() ? value.asString() : JsonAnswer.write(value));
			}
		}
		return CheckedAnswer.passed(new Extraction(values, JsonAnswer.write(object), called));
	}

	/**
	 * A valid extraction.
	 *
	 * @param values each field as text, in schema order: a string as it is, other values
	 * as JSON, absent ones empty
	 * @param json the whole object as JSON text
	 * @param called whether it came as a function call (rather than as JSON in the
	 * content)
	 */
	record Extraction(Map<String, String> values, String json, boolean called) {

		Extraction {
			values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
		}

	}

}
