package dev.glmbatch.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.ThinkingMode;
import dev.glmbatch.jobdef.TranslateSpec;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.ItemLlmException;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.Thinking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates the source columns of a row into each target language: one GLM call per
 * column and language.
 *
 * <p>
 * Output columns are named {@code <column>_<language>} as the language is written in the
 * job. An empty source value gives an empty translation without a call. An answer that
 * fails its {@link TranslationCheck} gets one repair call and, under {@code auto}, one
 * attempt with thinking (see {@link CheckedCalls}); if it still fails the row is rejected
 * with the reason and the raw answer. Thread-safe.
 */
public final class TranslateTask implements ContentTask {

	private static final Logger log = LoggerFactory.getLogger(TranslateTask.class);

	private final TranslateSpec spec;

	private final CheckedCalls calls;

	private final TranslationPrompt prompt;

	private final TranslationCheck check;

	public TranslateTask(TranslateSpec spec, String model, ThinkingMode thinkingMode, LlmClient client,
			String tagPrefix) {
		this.spec = spec;
		this.calls = new CheckedCalls(client, thinkingMode, model, tagPrefix);
		this.prompt = new TranslationPrompt(spec);
		this.check = new TranslationCheck(spec.doNotTranslate());
	}

	/** The output columns this task adds, in order. */
	public static List<String> outputColumns(TranslateSpec spec) {
		return spec.sourceColumns()
			.stream()
			.flatMap(column -> spec.targetLanguages().stream().map(language -> outputColumn(column, language)))
			.toList();
	}

	static String outputColumn(String column, String language) {
		return column + "_" + language;
	}

	@Override
	public TaskResult perform(SourceRow row) {
		if (row.error() != null) {
			return TaskResult.rejected(row, Map.of(), row.error(), CallStats.NONE);
		}
		Map<String, String> outputs = new LinkedHashMap<>();
		List<ValidationFailure> failures = new ArrayList<>();
		CallStats stats = CallStats.NONE;
		for (String column : spec.sourceColumns()) {
			String source = row.value(column);
			for (String language : spec.targetLanguages()) {
				String outputColumn = outputColumn(column, language);
				if (source.isBlank()) {
					outputs.put(outputColumn, source);
					continue;
				}
				Translation translation;
				try {
					translation = translate(row, column, language, source);
				}
				catch (ItemLlmException ex) {
					String reason = outputColumn + ": " + ex.getMessage();
					RejectionLog.rejected(log, row.rowNumber(), reason);
					return TaskResult.rejected(row, outputs, reason, stats).withFailures(failures);
				}
				stats = stats.plus(translation.stats());
				failures.addAll(translation.failures());
				if (translation.problem().isPresent()) {
					String reason = outputColumn + ": " + translation.problem().get();
					RejectionLog.rejected(log, row.rowNumber(), reason);
					return TaskResult.rejected(row, outputs, reason, stats).withFailures(failures);
				}
				outputs.put(outputColumn, translation.text());
			}
		}
		return TaskResult.done(row, outputs, stats).withFailures(failures);
	}

	private Translation translate(SourceRow row, String column, String language, String source) {
		Thinking thinking = calls.policy().initial(TaskKind.TRANSLATE, ItemProfile.of(source));
		// room for a translation several times longer than its source (tokens differ
		// between scripts)
		int answerBudget = Math.max(256, 4 * estimateTokens(source));
		ChatRequest request = calls.request(List.of(prompt.system(), prompt.user(source, language)), thinking,
				answerBudget, calls.tag(row) + "-" + column + "-" + language);
		CheckedCalls.Outcome<String> outcome = calls.call(request, answerBudget, content -> validate(source, content),
				"row " + row.rowNumber() + " " + column + " " + language);
		String text = outcome.passed() ? outcome.requireValue() : "";
		return new Translation(text, outcome.passed() ? Optional.empty() : Optional.of(outcome.rejection()),
				outcome.stats(), outcome.failures());
	}

	private CheckedAnswer<String> validate(String source, String content) {
		Optional<String> problem = check.problem(source, content);
		if (problem.isEmpty()) {
			return CheckedAnswer.passed(content);
		}
		String detail = problem.get();
		String kind = detail.startsWith("placeholders") ? "placeholders_lost"
				: detail.startsWith("numbers") ? "numbers_lost" : detail.contains("empty") ? "empty" : "echo";
		return CheckedAnswer.failed(kind, detail);
	}

	/** About four characters a token for Latin scripts; CJK characters count more. */
	static int estimateTokens(String text) {
		return Tokens.estimate(text);
	}

	private record Translation(String text, Optional<String> problem, CallStats stats,
			List<ValidationFailure> failures) {
	}

}
