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
import java.util.TreeMap;

import dev.glmbatch.progress.RunTotals;
import dev.glmbatch.progress.Spend;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes {@code <job>-<run>-report.json} beside the output file at the end of each execution: the job file, the
 * input (path, SHA-256, rows), the output and reject paths (with the output's SHA-256 once completed), the run's
 * first start and this execution's start and end (ISO-8601 with offset), counts by status,
 * calls and items by thinking mode, tokens and cost in total and by thinking mode ({@code tokens.thinkingOff},
 * {@code tokens.thinkingOn}, {@code costUsdByThinking}; off and on add up to the total), latency percentiles,
 * re-used answers and retries by code. Totals cover every execution of the run; latency, retries and 429s cover
 * this execution. Replaced atomically by each execution.
 */
final class RunReportFile {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private RunReportFile() {
	}

	static Path pathFor(RunOutcome outcome) {
		return outcome.outputPath().toAbsolutePath().resolveSibling(outcome.jobName() + "-" + outcome.runId() + "-report.json");
	}

	/**
	 * What the report names besides the outcome.
	 *
	 * @param jobFile the job file
	 * @param input the input file
	 * @param inputSha256 the input's SHA-256 when the run started (resumes check it is unchanged)
	 * @param inputRows the input's data rows, or {@code null} when not counted
	 * @param output the output file
	 * @param rejects the reject file
	 * @param runStartedAt when the run's first execution started
	 * @param startedAt when this execution started
	 * @param endedAt when this execution ended
	 * @param outputSha256 the output's SHA-256 as this execution left it, when it completed
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
			ObjectNode json = json(outcome);
			putFacts(json, facts);
			Files.writeString(temporary, JSON.writeValueAsString(json));
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the run report " + file + ": " + ex.getMessage(), ex);
		}
	}

	static ObjectNode json(RunOutcome outcome) {
		RunTotals totals = outcome.totals();
		SessionFigures session = outcome.session();
		ObjectNode root = JSON.createObjectNode();
		root.put("job", outcome.jobName());
		root.put("run", outcome.runId());
		root.put("execution", outcome.executionId());
		root.put("status", outcome.status().name());
		root.put("resumed", outcome.resumed());
		if (outcome.failure() != null) {
			root.put("reason", outcome.failure());
		}
		root.put("budget", session.budget());
		ObjectNode rows = root.putObject("rows");
		rows.put("committed", totals.rows());
		rows.put("done", totals.done());
		rows.put("rejected", totals.rejected());
		ObjectNode execution = root.putObject("thisExecution");
		execution.put("rows", outcome.rowsThisExecution());
		execution.put("seconds", outcome.elapsed().toMillis() / 1000.0);
		execution.put("rowsPerSecond", Math.round(outcome.rowsPerSecond() * 10) / 10.0);
		ObjectNode calls = root.putObject("calls");
		calls.put("answers", totals.calls());
		calls.put("reusedAnswers", totals.reusedCalls());
		calls.put("deduplicatedInFlightThisExecution", session.deduplicatedCalls());
		calls.put("paidThisExecution", session.paidCalls());
		ObjectNode thinking = root.putObject("thinking");
		thinking.put("off", totals.nonThinkingCalls());
		thinking.put("on", totals.thinkingCalls());
		thinking.put("escalated", totals.escalations());
		ObjectNode items = root.putObject("items");
		items.put("thinkingOff", totals.itemsThinkingOff());
		items.put("thinkingOn", totals.itemsThinkingOn());
		items.put("escalated", totals.itemsEscalated());
		ObjectNode tokens = root.putObject("tokens");
		putTokens(tokens, totals.spend());
		putTokens(tokens.putObject("thinkingOff"), totals.thinkingOff());
		putTokens(tokens.putObject("thinkingOn"), totals.thinkingOn());
		if (totals.priced()) {
			root.put("costUsd", usd(totals.costUsd()));
			ObjectNode cost = root.putObject("costUsdByThinking");
			cost.put("off", usd(totals.thinkingOff().costUsd()));
			cost.put("on", usd(totals.thinkingOn().costUsd()));
		}
		else {
			// a model without a price answered: the cost is unknown, never written as a dollar figure
			root.put("cost", "unpriced");
			root.putNull("costUsd");
			root.putNull("costUsdByThinking");
		}
		root.put("unpricedCalls", totals.unpricedCalls());
		ObjectNode latency = root.putObject("latencyMillisThisExecution");
		latency.put("p50", session.latencyP50Millis());
		latency.put("p95", session.latencyP95Millis());
		latency.put("p99", session.latencyP99Millis());
		ObjectNode glm = root.putObject("glmThisExecution");
		glm.put("inFlightLimitAtEnd", session.inFlightLimit());
		glm.put("rateLimited1302or1303", session.rateLimited());
		glm.put("overloaded1305", session.overloaded());
		ObjectNode retries = glm.putObject("retriesByCode");
		new TreeMap<>(session.retriesByCode()).forEach(retries::put);
		return root;
	}

	private static void putFacts(ObjectNode root, Facts facts) {
		root.put("jobFile", facts.jobFile());
		ObjectNode input = root.putObject("input");
		input.put("path", facts.input());
		input.put("sha256", facts.inputSha256());
		if (facts.inputRows() != null) {
			input.put("rows", facts.inputRows());
		}
		ObjectNode output = root.putObject("output");
		output.put("path", facts.output());
		if (facts.outputSha256() != null) {
			output.put("sha256", facts.outputSha256());
		}
		root.put("rejects", facts.rejects());
		ObjectNode times = root.putObject("times");
		putTime(times, "runStartedAt", facts.runStartedAt());
		putTime(times, "executionStartedAt", facts.startedAt());
		putTime(times, "executionEndedAt", facts.endedAt());
	}

	private static void putTime(ObjectNode node, String name, @Nullable OffsetDateTime time) {
		if (time != null) {
			node.put(name, time.truncatedTo(ChronoUnit.SECONDS).toString());
		}
	}

	private static void putTokens(ObjectNode node, Spend spend) {
		node.put("prompt", spend.promptTokens());
		node.put("cachedPrompt", spend.cachedTokens());
		node.put("completion", spend.completionTokens());
		node.put("reasoning", spend.reasoningTokens());
		node.put("total", spend.totalTokens());
	}

	private static BigDecimal usd(BigDecimal amount) {
		return amount.setScale(6, RoundingMode.HALF_UP);
	}

}
