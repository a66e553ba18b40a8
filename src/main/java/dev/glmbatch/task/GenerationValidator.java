package dev.glmbatch.task;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.glmbatch.jobdef.GenerateSpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Checks a generated answer. With a schema: one JSON object that the JSON Schema
 * validator (draft 2020-12) accepts, each top-level field becoming an output value.
 * Without: a non-empty text. In both cases at most the job's {@code max-words} (over all
 * string fields for a schema).
 */
final class GenerationValidator implements AnswerValidator<Map<String, String>> {

	private final GenerateSpec spec;

	private final @Nullable AnswerSchema schema;

	GenerationValidator(GenerateSpec spec) {
		this.spec = spec;
		this.schema = (spec.schema() != null) ? new AnswerSchema(spec.schema()) : null;
	}

	@Override
	public CheckedAnswer<Map<String, String>> validate(String content) {
		if (schema == null) {
			String text = content.strip();
			if (text.isEmpty()) {
				return CheckedAnswer.failed("empty", "the answer is empty");
			}
			CheckedAnswer<Map<String, String>> tooLong = tooLong(SummaryValidator.words(text));
			return (tooLong != null) ? tooLong : CheckedAnswer.passed(Map.of("text", text));
		}
		CheckedAnswer<JsonNode> parsed = JsonAnswer.parseObject(content);
		if (!parsed.passed()) {
			return CheckedAnswer.failed(parsed.requireFailure().kind(), parsed.requireFailure().detail());
		}
		JsonNode answer = parsed.requireValue();
		String mismatches = schema.mismatches(answer);
		if (mismatches != null) {
			return CheckedAnswer.failed("schema", "the JSON does not match the schema: " + mismatches);
		}
		Map<String, String> values = new LinkedHashMap<>();
		int words = 0;
		for (String field : spec.fields()) {
			JsonNode value = answer.get(field);
			if (value == null || value.isNull()) {
				values.put(field, "");
			}
			else if (value.isString()) {
				values.put(field, value.asString());
				words += SummaryValidator.words(value.asString());
			}
			else {
				values.put(field, JsonAnswer.write(value));
			}
		}
		CheckedAnswer<Map<String, String>> tooLong = tooLong(words);
		return (tooLong != null) ? tooLong : CheckedAnswer.passed(values);
	}

	private @Nullable CheckedAnswer<Map<String, String>> tooLong(int words) {
		if (spec.maxWords() != null && words > spec.maxWords()) {
			return CheckedAnswer.failed("too_long",
					"the answer has " + words + " words; write at most " + spec.maxWords());
		}
		return null;
	}

}
