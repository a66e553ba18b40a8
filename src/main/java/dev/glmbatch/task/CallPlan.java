package dev.glmbatch.task;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.ClassifySpec;
import dev.glmbatch.jobdef.GenerateSpec;
import dev.glmbatch.jobdef.SummariseSpec;

/**
 * The first-attempt calls a content task (classify, summarise, generate) makes for a row,
 * with their estimated tokens, for {@code estimate}: built from the task's own system
 * prompt, the row's text (a summarise job's documents read and split into sections
 * exactly as a run splits them) and the answer each call asks for. Repairs and
 * escalations are left to the caller's assumptions.
 */
public final class CallPlan {

	/**
	 * Framing around the data of a user message: the instruction line and the data
	 * markers.
	 */
	static final int FRAMING_TOKENS = 40;

	/**
	 * A classification answer: the label list, a confidence and a one-sentence reason.
	 */
	static final int CLASSIFICATION_TOKENS = 40;

	/** A generated answer with neither schema nor word limit. */
	static final int FREE_TEXT_TOKENS = 150;

	/** Each schema property's value, on average. */
	static final int TOKENS_PER_FIELD = 20;

	/** An English word is about 1.4 tokens. */
	static final double TOKENS_PER_WORD = 1.4;

	/** A bullet line of a summary. */
	static final int TOKENS_PER_BULLET = 20;

	private CallPlan() {
	}

	/**
	 * One call's estimated size.
	 *
	 * @param promptTokens system prompt, instruction and data
	 * @param completionTokens the answer, without reasoning
	 */
	public record Call(long promptTokens, long completionTokens) {

	}

	/** The calls of a classification: one per row with any text in its columns. */
	public static List<Call> classify(ClassifySpec spec, SourceRow row) {
		StringBuilder text = new StringBuilder();
		for (String column : spec.sourceColumns()) {
			String value = row.value(column).strip();
			if (!value.isEmpty()) {
				text.append(column).append(": ").append(value).append('\n');
			}
		}
		if (text.isEmpty()) {
			return List.of();
		}
		return List.of(new Call(
				Tokens.estimate(ClassifyTask.systemPrompt(spec)) + Tokens.estimate(text.toString()) + FRAMING_TOKENS,
				CLASSIFICATION_TOKENS));
	}

	/**
	 * The calls of a generation: one per row, the prompt's placeholders filled with the
	 * row's values.
	 */
	public static List<Call> generate(GenerateSpec spec, SourceRow row) {
		long values = 0;
		for (String column : spec.sourceColumns()) {
			values += Tokens.estimate(column + ": " + row.value(column)) + 10;
		}
		long answer = (spec.maxWords() != null) ? Math.round(spec.maxWords() * TOKENS_PER_WORD)
				: (spec.schema() != null) ? 10 + (long) TOKENS_PER_FIELD * spec.fields().size() : FREE_TEXT_TOKENS;
		return List.of(new Call(Tokens.estimate(GenerateTask.systemPrompt(spec)) + values + FRAMING_TOKENS, answer));
	}

	/**
	 * The calls of a summary: one for a text that fits a section; for a longer one, one
	 * per section and one to combine the section summaries. No call for an empty text or
	 * a document a run would refuse.
	 * @param documents the check of the job's base folder, for a job over documents;
	 * {@code null} otherwise
	 */
	public static List<Call> summarise(SummariseSpec spec, SourceRow row, @Nullable DocumentCheck documents) {
		String text = (documents != null) ? documents.textOf(row.value(spec.column())).orElse("")
				: row.value(spec.column());
		if (text.isBlank()) {
			return List.of();
		}
		long system = Tokens.estimate(SummariseTask.systemPrompt(spec));
		long summary = answerTokens(spec.length());
		List<String> sections = Sections.split(text, spec.sectionTokens());
		if (sections.size() == 1) {
			return List.of(new Call(system + Tokens.estimate(text) + FRAMING_TOKENS, summary));
		}
		SummariseSpec.Length sectionLength = spec.length().bullets()
				? new SummariseSpec.Length(Math.max(3, spec.length().count()), true)
				: new SummariseSpec.Length(Math.max(60, spec.length().count()), false);
		long sectionSummary = answerTokens(sectionLength);
		List<Call> calls = new ArrayList<>();
		for (String section : sections) {
			calls.add(new Call(system + Tokens.estimate(section) + FRAMING_TOKENS, sectionSummary));
		}
		calls.add(new Call(system + sections.size() * sectionSummary + FRAMING_TOKENS, summary));
		return calls;
	}

	private static long answerTokens(SummariseSpec.Length length) {
		return length.bullets() ? (long) length.count() * TOKENS_PER_BULLET
				: Math.round(length.count() * TOKENS_PER_WORD);
	}

}
