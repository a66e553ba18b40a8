package dev.glmbatch.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.ThinkingMode;
import dev.glmbatch.jobdef.TranslateSpec;
import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.ItemLlmException;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.Thinking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates the source columns of a row into each target language: one GLM call per column and language.
 *
 * <p>Output columns are named {@code <column>_<language>} as the language is written in the job. An empty source
 * value gives an empty translation without a call. An answer that fails its {@link TranslationCheck} is retried once
 * with thinking when the job's thinking mode is {@code auto}; otherwise, or if it fails again, the row is rejected
 * with the reason. Thread-safe.
 */
public final class TranslateTask implements ContentTask {

	private static final Logger log = LoggerFactory.getLogger(TranslateTask.class);

	/** Texts estimated above this many tokens run with thinking under {@code auto}. */
	static final int AUTO_THINKING_TOKENS = 400;

	private static final int THINKING_BUDGET_TOKENS = 4096;

	private final TranslateSpec spec;

	private final String model;

	private final ThinkingMode thinkingMode;

	private final LlmClient client;

	private final String tagPrefix;

	private final TranslationPrompt prompt;

	private final TranslationCheck check;

	public TranslateTask(TranslateSpec spec, String model, ThinkingMode thinkingMode, LlmClient client,
			String tagPrefix) {
		this.spec = spec;
		this.model = model;
		this.thinkingMode = thinkingMode;
		this.client = client;
		this.tagPrefix = tagPrefix;
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
		if (!row.isValid()) {
			return TaskResult.rejected(row, Map.of(), row.error(), CallStats.NONE);
		}
		Map<String, String> outputs = new LinkedHashMap<>();
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
					log.warn("Row {} rejected: {}", row.rowNumber(), reason);
					return TaskResult.rejected(row, outputs, reason, stats);
				}
				stats = stats.plus(translation.stats());
				if (translation.problem().isPresent()) {
					String reason = outputColumn + ": " + translation.problem().get();
					log.warn("Row {} rejected: {}", row.rowNumber(), reason);
					return TaskResult.rejected(row, outputs, reason, stats);
				}
				outputs.put(outputColumn, translation.text());
			}
		}
		return TaskResult.done(row, outputs, stats);
	}

	private Translation translate(SourceRow row, String column, String language, String source) {
		Thinking thinking = initialThinking(source);
		ChatRequest request = request(row, column, language, source, thinking);
		ChatAnswer answer = client.complete(request);
		CallStats stats = CallStats.of(answer, thinking.isEnabled(), false);
		Optional<String> problem = problem(source, answer);
		if (problem.isPresent() && thinkingMode == ThinkingMode.AUTO && !thinking.isEnabled()) {
			log.debug("Row {} {}: escalating to thinking after: {}", row.rowNumber(), language, problem.get());
			ChatAnswer second = client.complete(request(row, column, language, source, Thinking.ENABLED));
			stats = stats.plus(CallStats.of(second, true, true));
			answer = second;
			problem = problem(source, second);
		}
		return new Translation(answer.content(), problem, stats);
	}

	private Optional<String> problem(String source, ChatAnswer answer) {
		if (answer.finishReason() == FinishReason.LENGTH) {
			return Optional.of("the answer was cut off at the token limit");
		}
		return check.problem(source, answer.content());
	}

	private Thinking initialThinking(String source) {
		return switch (thinkingMode) {
			case DISABLED -> Thinking.DISABLED;
			case ENABLED -> Thinking.ENABLED;
			case AUTO -> estimateTokens(source) > AUTO_THINKING_TOKENS ? Thinking.ENABLED : Thinking.DISABLED;
		};
	}

	private ChatRequest request(SourceRow row, String column, String language, String source, Thinking thinking) {
		// room for a translation several times longer than its source (tokens differ between scripts)
		int answerBudget = Math.max(256, 4 * estimateTokens(source));
		int maxTokens = thinking.isEnabled() ? answerBudget + THINKING_BUDGET_TOKENS : answerBudget;
		String tag = tagPrefix + "-r" + row.rowNumber() + "-" + column + "-" + language;
		return new ChatRequest(model, List.of(prompt.system(), prompt.user(source, language)), thinking, null, null,
				false, maxTokens, false, false, tag);
	}

	/** About four characters a token for Latin scripts; CJK characters count more (glm-api.md rule of thumb). */
	static int estimateTokens(String text) {
		long wide = text.codePoints().filter(cp -> cp >= 0x2E80).count();
		long narrow = text.codePointCount(0, text.length()) - wide;
		return (int) Math.ceil(narrow / 4.0 + wide / 1.5);
	}

	private record Translation(String text, Optional<String> problem, CallStats stats) {
	}

}
