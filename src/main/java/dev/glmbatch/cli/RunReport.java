package dev.glmbatch.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;

import dev.glmbatch.progress.BatchTotals;
import dev.glmbatch.progress.RunTotals;
import dev.glmbatch.run.RunOutcome;
import dev.glmbatch.run.RunStatus;
import dev.glmbatch.run.SessionFigures;
import org.jspecify.annotations.Nullable;

/** Prints the end-of-run summary. */
final class RunReport {

	private RunReport() {
	}

	/** The exit code an outcome stands for. */
	static int exitCode(RunOutcome outcome) {
		return switch (outcome.status()) {
			case COMPLETED, ALREADY_COMPLETED -> ExitCode.DONE;
			case STOPPED -> ExitCode.JOB_STOPPED;
			// an execution ends completed, stopped or failed: any other status is a
			// failure
			default -> ExitCode.JOB_FAILED;
		};
	}

	static void print(RunOutcome outcome, PrintStream out) {
		RunTotals totals = outcome.totals();
		if (outcome.status() == RunStatus.ALREADY_COMPLETED) {
			out.printf("Run %d of job '%s' has already completed for this input.%n", outcome.runId(),
					outcome.jobName());
		}
		else {
			out.printf("Run %d of job '%s' %s in %.1f s%s.%n", outcome.runId(), outcome.jobName(),
					outcome.status().name(), outcome.elapsed().toMillis() / 1000.0,
					outcome.resumed() ? " (resumed from its last checkpoint)" : "");
			out.printf("  this session: %d rows at %.1f rows/s%n", outcome.rowsThisExecution(),
					outcome.rowsPerSecond());
		}
		out.printf("  rows:     %d committed, %d done, %d rejected%n", totals.rows(), totals.done(), totals.rejected());
		out.printf("  calls:    %d answers, %d re-used from the call ledger (not paid again)%n", totals.calls(),
				totals.reusedCalls());
		out.printf("  re-used:  %s%n", earlierRuns(totals.earlierRunCalls(), totals.earlierRunCostUsd()));
		out.printf("  thinking: %d calls off, %d on, %d escalated%n", totals.nonThinkingCalls(), totals.thinkingCalls(),
				totals.escalations());
		out.printf("  items:    %d with thinking off, %d on, %d escalated%n", totals.itemsThinkingOff(),
				totals.itemsThinkingOn(), totals.itemsEscalated());
		out.printf("  checks:   %d validation failures%s, %d repairs%n", totals.validationFailures(),
				totals.failuresByKind().isEmpty() ? "" : " (" + byKind(totals) + ")", totals.repairs());
		out.printf("  tokens:   %,d prompt (%,d cached), %,d completion (%,d reasoning); thinking off %,d / on %,d%n",
				totals.promptTokens(), totals.cachedTokens(), totals.completionTokens(), totals.reasoningTokens(),
				totals.thinkingOff().totalTokens(), totals.thinkingOn().totalTokens());
		out.printf("  cost:     %s%n", cost(totals.priced(), totals.unpricedCalls(), totals.costUsd(),
				totals.thinkingOff().costUsd(), totals.thinkingOn().costUsd()));
		if (outcome.batches().batches() > 0) {
			out.printf("  batch:    %s%n", batches(outcome.batches(), totals));
		}
		SessionFigures session = outcome.session();
		if (outcome.status() != RunStatus.ALREADY_COMPLETED) {
			out.printf("  latency:  p50 %.0f ms, p95 %.0f ms, p99 %.0f ms over %d paid calls this session%n",
					session.latencyP50Millis(), session.latencyP95Millis(), session.latencyP99Millis(),
					session.paidCalls());
			out.printf("  dedup:    %d identical requests in flight at once sent once (calls saved)%n",
					session.deduplicatedCalls());
			out.printf("  GLM:      in-flight limit %d at the end; %d x 1302/1303, %d x 1305; retries by code %s%n",
					session.inFlightLimit(), session.rateLimited(), session.overloaded(),
					session.retriesByCode().isEmpty() ? "none" : new java.util.TreeMap<>(session.retriesByCode()));
			out.printf("  budget:   %s%n", session.budget());
		}
		if (outcome.status() == RunStatus.COMPLETED || outcome.status() == RunStatus.ALREADY_COMPLETED) {
			out.printf("  output:   %s%n", outcome.outputPath());
			out.printf("  rejects:  %s%n", outcome.rejectPath());
		}
		if (outcome.reportFile() != null) {
			out.printf("  report:   %s%n", outcome.reportFile());
		}
	}

	/**
	 * The cost line of a summary: dollars with the thinking split, or, when a model
	 * without a price answered some calls, "unpriced" and what to set.
	 */
	static String cost(boolean priced, long unpricedCalls, @Nullable BigDecimal total, @Nullable BigDecimal off,
			@Nullable BigDecimal on) {
		if (!priced || total == null || off == null || on == null) {
			return "unpriced (" + unpricedCalls + " paid call" + (unpricedCalls == 1 ? "" : "s")
					+ " to a model without a price; set glm.models[<model>].input-per-million and"
					+ " output-per-million to cost them)";
		}
		return usd(total) + " (thinking off " + usd(off) + ", on " + usd(on) + ")";
	}

	/**
	 * The Batch API's share of a run: its answers, priced at the batch rate and counted
	 * among the re-used answers above (the process step took them from the ledger), and
	 * the cost of the run with them.
	 */
	static String batches(BatchTotals batches, RunTotals totals) {
		String answered = batches.answered() + " of " + batches.lines() + " first calls answered by "
				+ batches.batches() + " batch" + (batches.batches() == 1 ? "" : "es") + " at the batch rate, "
				+ usd(batches.costUsd());
		return totals.priced()
				? answered + "; with the calls above " + usd(totals.costUsd().add(batches.costUsd())) + " in all"
				: answered;
	}

	/**
	 * The answers earlier runs paid for and this run took, and what they cost then: what
	 * re-using them saved.
	 */
	static String earlierRuns(long answers, BigDecimal costUsd) {
		return answers + " answer" + (answers == 1 ? "" : "s") + " from earlier runs, which would have cost "
				+ usd(costUsd);
	}

	/** Dollars to four decimals, as every summary prints them. */
	static String usd(BigDecimal amount) {
		return "$" + amount.setScale(4, RoundingMode.HALF_UP).toPlainString();
	}

	private static String byKind(RunTotals totals) {
		StringBuilder text = new StringBuilder();
		totals.failuresByKind().forEach((kind, count) -> {
			text.append(text.isEmpty() ? "" : ", ").append(kind).append(' ').append(count);
		});
		return text.toString();
	}

}
