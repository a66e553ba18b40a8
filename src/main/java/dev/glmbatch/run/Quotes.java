package dev.glmbatch.run;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.input.InputRows;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.ColumnCheck;
import dev.glmbatch.jobdef.GenerateSpec;
import dev.glmbatch.jobdef.JobDefinition;
import dev.glmbatch.jobdef.SummariseSpec;
import dev.glmbatch.jobdef.TaskSpec;
import dev.glmbatch.jobdef.ThinkingMode;
import dev.glmbatch.jobdef.TranslateSpec;
import dev.glmbatch.llm.LlmTraffic;
import dev.glmbatch.llm.ModelCatalog;
import dev.glmbatch.llm.ModelSpec;
import dev.glmbatch.llm.TokenUsage;
import dev.glmbatch.task.CallPlan;
import dev.glmbatch.task.DocumentCheck;
import org.springframework.stereotype.Component;

/**
 * Estimates what a job would take by reading its input, without calling GLM. The first
 * calls of each row are {@link RowCalls}'s estimate; then:
 * <ul>
 * <li>repairs: a share of first calls ({@link #repairRate}) fail their check and get one
 * repair call, which repeats the prompt with the answer and the feedback; under
 * {@code thinking: auto}, {@value #ESCALATION_PERCENT}% of the first calls are asked
 * again with thinking on;</li>
 * <li>completion with thinking on: the same plus {@value #REASONING_TOKENS} reasoning
 * tokens per call;</li>
 * <li>wall time: {@value #FIRST_TOKEN_SECONDS} s to the first token plus
 * {@value #TOKENS_PER_SECOND} tokens per second, with the smaller of the job's
 * concurrency and the model's current in-flight limit in flight.</li>
 * </ul>
 * Prices are the model table's ({@code glm.models} changes included); a model without one
 * gets no cost (unpriced), never $0. The context cache is ignored, so the cost is an
 * upper estimate for jobs with long shared instructions.
 */
@Component
public class Quotes {

	static final int REASONING_TOKENS = 400;

	static final double FIRST_TOKEN_SECONDS = 0.8;

	static final double TOKENS_PER_SECOND = 60;

	/** The feedback a repair call adds: what was wrong and what to do. */
	static final int REPAIR_FEEDBACK_TOKENS = 60;

	static final int ESCALATION_PERCENT = 2;

	private final ModelCatalog models;

	private final LlmTraffic traffic;

	public Quotes(ModelCatalog models, LlmTraffic traffic) {
		this.models = models;
		this.traffic = traffic;
	}

	/**
	 * The share of first calls assumed to fail their check and get a repair: translations
	 * rarely fail (an empty or cut-off answer, a lost placeholder); a JSON answer against
	 * a closed list or a schema more often.
	 */
	static double repairRate(TaskSpec task) {
		if (task instanceof TranslateSpec) {
			return 0.02;
		}
		if (task instanceof GenerateSpec generate) {
			return (generate.schema() != null) ? 0.08 : 0.03;
		}
		return 0.05;
	}

	/** Reads the job's input and estimates its calls, tokens, cost and duration. */
	public Quote quote(JobDefinition definition) {
		InputInspection inspection = InputFiles.inspect(definition.input());
		ColumnCheck.requireColumns(definition, inspection.header(), definition.input().path());
		TaskSpec task = definition.task();
		DocumentCheck documents = (task instanceof SummariseSpec summarise && summarise.documents() != null)
				? new DocumentCheck(summarise.documents()) : null;
		long rows = 0;
		long rejected = 0;
		long calls = 0;
		long prompt = 0;
		long completion = 0;
		try (InputRows input = InputRows.open(definition.input(), inspection)) {
			for (SourceRow row : input) {
				rows++;
				if (!row.isValid()) {
					rejected++;
					continue;
				}
				for (CallPlan.Call call : RowCalls.of(task, row, documents)) {
					calls++;
					prompt += call.promptTokens();
					completion += call.completionTokens();
				}
			}
		}
		double repairRate = repairRate(task);
		boolean auto = definition.thinking() == ThinkingMode.AUTO;
		long repairs = Math.round(calls * repairRate);
		long escalations = auto ? Math.round(calls * ESCALATION_PERCENT / 100.0) : 0;
		if (calls > 0) {
			long promptPerCall = prompt / calls;
			long completionPerCall = completion / calls;
			// a repair repeats the prompt with the first answer and the feedback; an
			// escalation repeats the prompt
			prompt += repairs * (promptPerCall + completionPerCall + REPAIR_FEEDBACK_TOKENS)
					+ escalations * promptPerCall;
			completion += (repairs + escalations) * completionPerCall;
		}
		long allCalls = calls + repairs + escalations;
		long completionThinking = completion + allCalls * REASONING_TOKENS;
		String model = definition.model();
		ModelSpec spec = models.spec(model);
		BigDecimal off = spec.costOf(new TokenUsage(prompt, completion, 0)).orElse(null);
		BigDecimal on = spec.costOf(new TokenUsage(prompt, completionThinking, 0)).orElse(null);
		int limit = traffic.traffic(model).limit();
		int inFlight = (limit > 0) ? Math.min(limit, definition.concurrency()) : definition.concurrency();
		double perCallOff = (allCalls == 0) ? 0
				: FIRST_TOKEN_SECONDS + completion / (double) allCalls / TOKENS_PER_SECOND;
		double perCallOn = (allCalls == 0) ? 0
				: FIRST_TOKEN_SECONDS + completionThinking / (double) allCalls / TOKENS_PER_SECOND;
		List<String> assumptions = new ArrayList<>();
		assumptions.add(String.format(Locale.ROOT, "%.0f%% of first calls fail their check and get one repair call",
				repairRate * 100));
		assumptions.add(auto ? ESCALATION_PERCENT + "% of first calls are asked again with thinking on (thinking: auto)"
				: "no escalation to thinking (thinking: " + definition.thinking().name().toLowerCase(Locale.ROOT)
						+ ")");
		assumptions.add(REASONING_TOKENS + " reasoning tokens a call with thinking on; no context-cache discount");
		return new Quote(rows, rejected, calls, prompt, completion, completionThinking, off, on, inFlight, limit,
				perCallOff, duration(allCalls, perCallOff, inFlight), duration(allCalls, perCallOn, inFlight),
				RowCalls.basis(task), repairs, escalations, assumptions);
	}

	private static Duration duration(long calls, double secondsPerCall, int inFlight) {
		return Duration.ofMillis(Math.round(calls * secondsPerCall / Math.max(1, inFlight) * 1000));
	}

}
