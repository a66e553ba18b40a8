package dev.glmbatch.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.glmbatch.jobdef.ClassifySpec;
import tools.jackson.databind.JsonNode;

/**
 * Checks a classification answer: one JSON object with {@code labels} (or {@code label}),
 * {@code confidence} from 0 to 1 and a {@code reason}; every label from the job's list
 * (matched ignoring case, written as listed), exactly one unless the job is multi-label.
 * A label outside the list never passes, whatever the row asked for.
 */
final class ClassificationValidator implements AnswerValidator<ClassificationValidator.Classification> {

	static final int MAX_REASON_CHARS = 400;

	private final Map<String, String> labels = new HashMap<>();

	private final List<String> names;

	private final boolean multiLabel;

	ClassificationValidator(ClassifySpec spec) {
		this.names = spec.labelNames();
		this.multiLabel = spec.multiLabel();
		names.forEach(name -> labels.put(key(name), name));
	}

	@Override
	public CheckedAnswer<Classification> validate(String content) {
		CheckedAnswer<JsonNode> parsed = JsonAnswer.parseObject(content);
		if (!parsed.passed()) {
			return CheckedAnswer.failed(parsed.requireFailure().kind(), parsed.requireFailure().detail());
		}
		JsonNode answer = parsed.requireValue();
		List<String> written = new ArrayList<>();
		JsonNode labelsNode = answer.has("labels") ? answer.get("labels") : answer.get("label");
		if (labelsNode == null || labelsNode.isNull()) {
			return CheckedAnswer.failed("missing_field", "the answer has no \"labels\" field");
		}
		if (labelsNode.isString()) {
			written.add(labelsNode.asString());
		}
		else if (labelsNode.isArray()) {
			for (JsonNode item : labelsNode) {
				if (!item.isString()) {
					return CheckedAnswer.failed("missing_field", "\"labels\" must hold label names as strings");
				}
				written.add(item.asString());
			}
		}
		else {
			return CheckedAnswer.failed("missing_field", "\"labels\" must be a list of label names");
		}
		List<String> chosen = new ArrayList<>();
		for (String label : written) {
			String name = labels.get(key(label));
			if (name == null) {
				return CheckedAnswer.failed("unknown_label",
						"'" + label + "' is not one of the allowed labels (" + String.join(", ", names) + ")");
			}
			if (!chosen.contains(name)) {
				chosen.add(name);
			}
		}
		if (chosen.isEmpty() || (!multiLabel && chosen.size() != 1)) {
			return CheckedAnswer.failed("label_count",
					multiLabel ? "give at least one label" : "give exactly one label, not " + chosen.size());
		}
		JsonNode confidence = answer.get("confidence");
		if (confidence == null || !confidence.isNumber() || confidence.asDouble() < 0 || confidence.asDouble() > 1) {
			return CheckedAnswer.failed("bad_confidence", "\"confidence\" must be a number from 0 to 1");
		}
		JsonNode reason = answer.get("reason");
		if (reason == null || !reason.isString() || reason.asString().isBlank()) {
			return CheckedAnswer.failed("missing_field", "the answer needs a short \"reason\" text");
		}
		if (reason.asString().length() > MAX_REASON_CHARS) {
			return CheckedAnswer.failed("too_long",
					"the reason must be one short sentence (at most " + MAX_REASON_CHARS + " characters)");
		}
		return CheckedAnswer.passed(new Classification(chosen, confidence.asDouble(), reason.asString().strip()));
	}

	private static String key(String label) {
		return label.strip().toLowerCase(Locale.ROOT);
	}

	record Classification(List<String> labels, double confidence, String reason) {
	}

}
