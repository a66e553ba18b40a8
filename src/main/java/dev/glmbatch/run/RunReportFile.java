package dev.glmbatch.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.SortedMap;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.glmbatch.progress.RunTotals;
import dev.glmbatch.progress.Spend;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code <job>-<run>-report.json} beside the output file at the end of each
 * execution: the job file, the input (path, SHA-256, rows), the output and reject paths
 * (with the output's SHA-256 once completed), the run's first start and this execution's
 * start and end (ISO-8601 with offset), counts by status, calls and items by thinking
 * mode, tokens and cost in total and by thinking mode ({@code tokens.thinkingOff},
 * {@code tokens.thinkingOn}, {@code costUsdByThinking}; off and on add up to the total),
 * latency percentiles, re-used answers and retries by code. Totals cover every execution
 * of the run; latency, retries and 429s cover this execution. Replaced atomically by each
 * execution.
 */
final class RunReportFile {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private RunReportFile() {
	}

	static Path pathFor(RunOutcome outcome) {
		return outcome.outputPath()
			.toAbsolutePath()
			.resolveSibling(outcome.jobName() + "-" + outcome.runId() + "-report.json");
	}

	/**
	 * What the report names besides the outcome.
	 *
	 * @param jobFile the job file
	 * @param input the input file
	 * @param inputSha256 the input's SHA-256 when the run started (resumes check it is
	 * unchanged)
	 * @param inputRows the input's data rows, or {@code null} when not counted
	 * @param output the output file
	 * @param rejects the reject file
	 * @param runStartedAt when the run's first execution started
	 * @param startedAt when this execution started
	 * @param endedAt when this execution ended
	 * @param outputSha256 the output's SHA-256 as this execution left it, when it
	 * completed
	 */
	record Facts(String jobFile, String input, String inputSha256, @Nullable Long inputRows, String output,
			String rejects, @Nullable OffsetDateTime runStartedAt, @Nullable OffsetDateTime startedAt,
			@Nullable OffsetDateTime endedAt, @Nullable String outputSha256) {

	}

	static Path write(RunOutcome outcome, Facts facts) {
		Path file = pathFor(outcome);
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(temporary, JSON.writeValueAsString(Report.of(outcome, facts)));
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the run report " + file + ": " + ex.getMessage(), ex);
		}
	}

	private static BigDecimal usd(BigDecimal amount) {
		return amount.setScale(6, RoundingMode.HALF_UP);
	}

	private static @Nullable String time(@Nullable OffsetDateTime time) {
		return (time != null) ? time.truncatedTo(ChronoUnit.SECONDS).toString() : null;
	}

	/**
	 * The report as written, field by field in this order. A run whose cost is unknown (a
	 * model without a price answered) has {@code "cost": "unpriced"} and null dollar
	 * figures, never a made-up amount.
	 */
	record Report(String job, long run, long execution, String status, boolean resumed,
			@JsonInclude(Include.NON_NULL) @Nullable String reason, String budget, Rows rows,
			ThisExecution thisExecution, Calls calls, Thinking thinking, Items items, Tokens tokens,
			@JsonInclude(Include.NON_NULL) @Nullable String cost, @Nullable BigDecimal costUsd,
			@Nullable ByThinking costUsdByThinking, long unpricedCalls, Latency latencyMillisThisExecution,
			Glm glmThisExecution, String jobFile, Input input, Output output, String rejects, Times times) {

		static Report of(RunOutcome outcome, Facts facts) {
			RunTotals totals = outcome.totals();
			SessionFigures session = outcome.session();
			boolean priced = totals.priced();
			return new Report(outcome.jobName(), outcome.runId(), outcome.executionId(), outcome.status().name(),
					outcome.resumed(), outcome.failure(), session.budget(),
					new Rows(totals.rows(), totals.done(), totals.rejected()),
					new ThisExecution(outcome.rowsThisExecution(), outcome.elapsed().toMillis() / 1000.0,
							Math.round(outcome.rowsPerSecond() * 10) / 10.0),
					new Calls(totals.calls(), totals.reusedCalls(), totals.earlierRunCalls(),
							usd(totals.earlierRunCostUsd()), session.deduplicatedCalls(), session.paidCalls()),
					new Thinking(totals.nonThinkingCalls(), totals.thinkingCalls(), totals.escalations()),
					new Items(totals.itemsThinkingOff(), totals.itemsThinkingOn(), totals.itemsEscalated()),
					new Tokens(TokenCounts.of(totals.spend()), TokenCounts.of(totals.thinkingOff()),
							TokenCounts.of(totals.thinkingOn())),
					priced ? null : "unpriced", priced ? usd(totals.costUsd()) : null,
					priced ? new ByThinking(usd(totals.thinkingOff().costUsd()), usd(totals.thinkingOn().costUsd()))
							: null,
					totals.unpricedCalls(),
					new Latency(session.latencyP50Millis(), session.latencyP95Millis(), session.latencyP99Millis()),
					new Glm(session.inFlightLimit(), session.rateLimited(), session.overloaded(),
							new TreeMap<>(session.retriesByCode())),
					facts.jobFile(), new Input(facts.input(), facts.inputSha256(), facts.inputRows()),
					new Output(facts.output(), facts.outputSha256()), facts.rejects(),
					new Times(time(facts.runStartedAt()), time(facts.startedAt()), time(facts.endedAt())));
		}

	}

	record Rows(long committed, long done, long rejected) {
	}

	record ThisExecution(long rows, double seconds, double rowsPerSecond) {
	}

	/**
	 * @param reusedAnswers answers not paid by this run: its own, paid by an earlier
	 * execution, and those of earlier runs
	 * @param reusedFromEarlierRuns the part of {@code reusedAnswers} earlier runs paid
	 * for
	 * @param reusedFromEarlierRunsCostUsd what those cost the earlier runs (this run's
	 * saving)
	 */
	record Calls(long answers, long reusedAnswers, long reusedFromEarlierRuns, BigDecimal reusedFromEarlierRunsCostUsd,
			long deduplicatedInFlightThisExecution, long paidThisExecution) {
	}

	record Thinking(long off, long on, long escalated) {
	}

	record Items(long thinkingOff, long thinkingOn, long escalated) {
	}

	/** The totals, then the same by thinking mode. */
	record Tokens(@JsonUnwrapped TokenCounts all, TokenCounts thinkingOff, TokenCounts thinkingOn) {
	}

	record TokenCounts(long prompt, long cachedPrompt, long completion, long reasoning, long total) {

		static TokenCounts of(Spend spend) {
			return new TokenCounts(spend.promptTokens(), spend.cachedTokens(), spend.completionTokens(),
					spend.reasoningTokens(), spend.totalTokens());
		}

	}

	record ByThinking(BigDecimal off, BigDecimal on) {
	}

	record Latency(double p50, double p95, double p99) {
	}

	record Glm(int inFlightLimitAtEnd, long rateLimited1302or1303, long overloaded1305,
			SortedMap<String, Long> retriesByCode) {
	}

	record Input(String path, String sha256, @JsonInclude(Include.NON_NULL) @Nullable Long rows) {
	}

	record Output(String path, @JsonInclude(Include.NON_NULL) @Nullable String sha256) {
	}

	@JsonInclude(Include.NON_NULL)
	record Times(@Nullable String runStartedAt, @Nullable String executionStartedAt,
			@Nullable String executionEndedAt) {
	}

}
