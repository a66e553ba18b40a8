package dev.glmbatch.run;

import java.math.BigDecimal;
import java.time.Duration;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.input.RestartableRowReader;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.ColumnCheck;
import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.TranslateSpec;
import dev.glmbatch.llm.LlmTraffic;
import dev.glmbatch.llm.ModelCatalog;
import dev.glmbatch.llm.ModelSpec;
import dev.glmbatch.llm.TokenUsage;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * Estimates what a job would take by reading its input, without calling GLM. The heuristic, per call (one per
 * non-blank source cell and target language):
 * <ul>
 * <li>text tokens: one per 4 characters of Latin-script text, one per 1.5 CJK characters (glm-api.md rule of
 * thumb, as the translate task's own estimate);</li>
 * <li>prompt: the text's tokens, plus {@value #INSTRUCTION_TOKENS} tokens of instructions and framing, plus the
 * glossary and do-not-translate terms at one token per 4 characters;</li>
 * <li>completion with thinking off: 1.3 times the text's tokens (translations run longer than English sources), at
 * least {@value #MIN_COMPLETION_TOKENS};</li>
 * <li>completion with thinking on: the same plus {@value #REASONING_TOKENS} reasoning tokens;</li>
 * <li>wall time: {@value #FIRST_TOKEN_SECONDS} s to the first token plus {@value #TOKENS_PER_SECOND} tokens per
 * second (glm-api.md §7), with the smaller of the job's concurrency and the model's current in-flight limit in
 * flight.</li>
 * </ul>
 * Prices are the model table's ({@code glm.models} changes included); a model without one gets no cost (unpriced),
 * never $0. The context cache is ignored, so the cost is an upper estimate for jobs with long shared instructions.
 */
@Component
public class Quotes {

	static final int INSTRUCTION_TOKENS = 230;

	static final int MIN_COMPLETION_TOKENS = 4;

	static final int REASONING_TOKENS = 400;

	static final double FIRST_TOKEN_SECONDS = 0.8;

	static final double TOKENS_PER_SECOND = 60;

	private final ModelCatalog models;

	private final LlmTraffic traffic;

	public Quotes(ModelCatalog models, LlmTraffic traffic) {
		this.models = models;
		this.traffic = traffic;
	}

	/**
	 * Reads the job's input and estimates its calls, tokens, cost and duration.
	 * @throws IllegalArgumentException when the job's task type has no estimate yet
	 */
	public Quote quote(JobDefinition definition) {
		if (!(definition.task() instanceof TranslateSpec translate)) {
			throw new IllegalArgumentException(
					"estimate knows the translate task only; this job's task is " + definition.task());
		}
		InputInspection inspection = InputFiles.inspect(definition.input());
		ColumnCheck.requireColumns(definition, inspection.header(), definition.input().path());
		long overhead = INSTRUCTION_TOKENS + termTokens(translate);
		int languages = translate.targetLanguages().size();
		long rows = 0;
		long rejected = 0;
		long calls = 0;
		long prompt = 0;
		long completion = 0;
		RestartableRowReader reader = InputFiles.openReader(definition.input(), inspection);
		reader.open(new ExecutionContext());
		try {
			SourceRow row;
			while ((row = reader.read()) != null) {
				rows++;
				if (!row.isValid()) {
					rejected++;
					continue;
				}
				for (String column : translate.sourceColumns()) {
					String text = row.value(column);
					if (text.isBlank()) {
						continue;
					}
					long tokens = textTokens(text);
					calls += languages;
					prompt += languages * (overhead + tokens);
					completion += languages * Math.max(MIN_COMPLETION_TOKENS, Math.round(tokens * 1.3));
				}
			}
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot read " + definition.input().path() + ": " + ex.getMessage(), ex);
		}
		finally {
			reader.close();
		}
		long completionThinking = completion + calls * REASONING_TOKENS;
		String model = definition.model();
		ModelSpec spec = models.spec(model);
		BigDecimal off = spec.costOf(new TokenUsage(prompt, completion, 0)).orElse(null);
		BigDecimal on = spec.costOf(new TokenUsage(prompt, completionThinking, 0)).orElse(null);
		int limit = traffic.traffic(model).limit();
		int inFlight = (limit > 0) ? Math.min(limit, definition.concurrency()) : definition.concurrency();
		double perCallOff = (calls == 0) ? 0 : FIRST_TOKEN_SECONDS + completion / (double) calls / TOKENS_PER_SECOND;
		double perCallOn = (calls == 0) ? 0
				: FIRST_TOKEN_SECONDS + completionThinking / (double) calls / TOKENS_PER_SECOND;
		return new Quote(rows, rejected, calls, prompt, completion, completionThinking, off, on, inFlight, limit,
				perCallOff, duration(calls, perCallOff, inFlight), duration(calls, perCallOn, inFlight));
	}

	private static Duration duration(long calls, double secondsPerCall, int inFlight) {
		return Duration.ofMillis(Math.round(calls * secondsPerCall / Math.max(1, inFlight) * 1000));
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

	/** About four characters a token for Latin scripts; CJK characters count more (glm-api.md rule of thumb). */
	static long textTokens(String text) {
		long wide = text.codePoints().filter(cp -> cp >= 0x2E80).count();
		long narrow = text.codePointCount(0, text.length()) - wide;
		return (long) Math.ceil(narrow / 4.0 + wide / 1.5);
	}

}
