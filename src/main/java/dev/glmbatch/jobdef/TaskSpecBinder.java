package dev.glmbatch.jobdef;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** Binds the {@code task} section of a job file to the {@link TaskSpec} its {@code type} names. */
final class TaskSpecBinder {

	static final String GLOSSARY_PATH = "task.glossary";

	static final List<String> TYPES = List.of("translate");

	static final List<String> TRANSLATE_KEYS = List.of("type", "columns", "to", "from", "glossary",
			"do-not-translate", "tone");

	private TaskSpecBinder() {
	}

	static @Nullable TaskSpec bind(YamlSection task, Problems problems) {
		String type = task.text("type", true, "type: translate");
		if (type == null) {
			// the allowed keys depend on the type, so nothing else can be checked
			return null;
		}
		if (!TYPES.contains(type.strip().toLowerCase(Locale.ROOT))) {
			problems.add(task.nodeOrSelf("type"), "'" + type + "' is not a supported task type",
					"use one of: " + String.join(", ", TYPES));
			return null;
		}
		return translate(task, problems);
	}

	private static @Nullable TranslateSpec translate(YamlSection task, Problems problems) {
		int before = problems.count();
		task.allowOnly(TRANSLATE_KEYS);
		// column names are matched exactly against the header; language names are not case-sensitive
		List<String> columns = task.texts("columns", true, true, false, "columns: [name, description]");
		List<String> to = task.texts("to", true, true, true, "to: [fr, de, ja]");
		String from = task.text("from", false, "from: en");
		Map<String, String> glossary = task.textMap("glossary", "glossary: {\"Smart Hub\": \"Smart Hub\"}");
		List<String> doNotTranslate = task.texts("do-not-translate", false, false, false,
				"do-not-translate: [ACME, USB-C]");
		String tone = task.text("tone", false, "tone: neutral and concise");
		if (problems.count() > before || columns == null || to == null || glossary == null
				|| doNotTranslate == null) {
			return null;
		}
		return new TranslateSpec(columns, to, (from != null) ? from.strip() : null, glossary, doNotTranslate,
				(tone != null) ? tone.strip() : null);
	}

}
