package dev.glmbatch.run;

import java.util.ArrayList;
import java.util.List;

import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.ClassifySpec;
import dev.glmbatch.jobdef.ExtractSpec;
import dev.glmbatch.jobdef.GenerateSpec;
import dev.glmbatch.jobdef.SummariseSpec;
import dev.glmbatch.jobdef.TaskSpec;
import dev.glmbatch.jobdef.TranslateSpec;
import dev.glmbatch.task.CallPlan;
import dev.glmbatch.task.DocumentCheck;
import org.jspecify.annotations.Nullable;

/**
 * The first-attempt calls a row of a job costs, with their estimated tokens, for
 * {@link Quotes}. Text tokens: one per 4 characters of Latin-script text, one per 1.5 CJK
 * characters (the rule of thumb the tasks use themselves). Per task:
 * <ul>
 * <li>translate: one call per non-blank source cell and target language; prompt: the
 * text's tokens, plus {@value #INSTRUCTION_TOKENS} tokens of instructions and framing,
 * plus the glossary and do-not-translate terms; completion: 1.3 times the text's tokens
 * (translations run longer than English sources), at least
 * {@value #MIN_COMPLETION_TOKENS};</li>
 * <li>classify: one call per row with text; prompt: the task's own system prompt (labels,
 * descriptions, examples, instructions) and the row's columns; completion: a short JSON
 * answer;</li>
 * <li>summarise: the text or the document each row names, read and split into sections as
 * a run does; one call per text that fits a section, else one per section and one to
 * combine; completion: the length asked for;</li>
 * <li>generate: one call per row; prompt: the task's system prompt (template and schema)
 * and the row's values; completion: {@code max-words}, else about 20 tokens per schema
 * property, else 150;</li>
 * <li>extract: one call per row with text in the task's columns; prompt:
 * {@value #INSTRUCTION_TOKENS} tokens of instructions and framing, the schema (sent as
 * the function's parameters) and the row's text; completion: {@value #FIELD_TOKENS}
 * tokens per top-level field.</li>
 * </ul>
 * Classify, summarise and generate take their calls from {@link CallPlan}, which builds
 * the task's own prompts.
 */
final class RowCalls {

	static final int INSTRUCTION_TOKENS = 230;

	static final int MIN_COMPLETION_TOKENS = 4;

	/**
	 * The tokens of one extracted field in the function call's arguments: its name,
	 * quotes and a short value.
	 */
	static final int FIELD_TOKENS = 12;

	private RowCalls() {
	}

	static List<CallPlan.Call> of(TaskSpec task, SourceRow row, @Nullable DocumentCheck documents) {
		if (task instanceof TranslateSpec translate) {
			return translationCalls(translate, row);
		}
		if (task instanceof ClassifySpec classify) {
			return CallPlan.classify(classify, row);
		}
		if (task instanceof SummariseSpec summarise) {
			return CallPlan.summarise(summarise, row, documents);
		}
		if (task instanceof GenerateSpec generate) {
			return CallPlan.generate(generate, row);
		}
		if (task instanceof ExtractSpec extract) {
			return extractionCalls(extract, row);
		}
		throw new IllegalArgumentException("no estimate for the task " + task.getClass().getSimpleName());
	}

	private static List<CallPlan.Call> translationCalls(TranslateSpec translate, SourceRow row) {
		long overhead = INSTRUCTION_TOKENS + termTokens(translate);
		List<CallPlan.Call> calls = new ArrayList<>();
		for (String column : translate.sourceColumns()) {
			String text = row.value(column);
			if (text.isBlank()) {
				continue;
			}
			long tokens = textTokens(text);
			for (int i = 0; i < translate.targetLanguages().size(); i++) {
				calls.add(new CallPlan.Call(overhead + tokens,
						Math.max(MIN_COMPLETION_TOKENS, Math.round(tokens * 1.3))));
			}
		}
		return calls;
	}

	private static List<CallPlan.Call> extractionCalls(ExtractSpec extract, SourceRow row) {
		long itemTokens = 0;
		for (String column : extract.sourceColumns()) {
			String text = row.value(column);
			if (!text.isBlank()) {
				itemTokens += textTokens(text) + ((extract.sourceColumns().size() > 1) ? 2 : 0);
			}
		}
		if (itemTokens == 0) {
			return List.of();
		}
		return List.of(new CallPlan.Call(INSTRUCTION_TOKENS + textTokens(extract.schema()) + itemTokens,
				(long) FIELD_TOKENS * extract.fields().size()));
	}

	/** How the calls are counted, in words. */
	static String basis(TaskSpec task) {
		if (task instanceof TranslateSpec) {
			return "one per non-blank source cell and target language";
		}
		if (task instanceof SummariseSpec summarise) {
			return "one per " + ((summarise.documents() != null) ? "document" : "text")
					+ ", or for a long one one per section of " + summarise.sectionTokens()
					+ " tokens and one to combine";
		}
		return "one per row with text";
	}

	private static long termTokens(TranslateSpec translate) {
		long chars = 0;
		for (var entry : translate.glossary().entrySet()) {
			chars += entry.getKey().length() + entry.getValue().length() + 4;
		}
		for (String term : translate.doNotTranslate()) {
			chars += term.length() + 2;
		}
		return (chars + 3) / 4;
	}

	/** About four characters a token for Latin scripts; CJK characters count more. */
	static long textTokens(String text) {
		long wide = text.codePoints().filter(cp -> cp >= 0x2E80).count();
		long narrow = text.codePointCount(0, text.length()) - wide;
		return (long) Math.ceil(narrow / 4.0 + wide / 1.5);
	}

}
