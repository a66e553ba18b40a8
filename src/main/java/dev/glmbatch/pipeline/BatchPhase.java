package dev.glmbatch.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.glmbatch.input.RowReader;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.CallMode;
import dev.glmbatch.llm.BatchApi;
import dev.glmbatch.llm.BatchException;
import dev.glmbatch.llm.BatchLine;
import dev.glmbatch.llm.BatchResults;
import dev.glmbatch.llm.BatchState;
import dev.glmbatch.llm.BatchUnavailableException;
import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.FatalLlmException;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.TokenUsage;
import dev.glmbatch.task.ContentTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.scope.context.ChunkContext;

/**
 * The {@code batch} step, ahead of the process step of a job whose mode is {@code batch}
 * or {@code auto}: it sends the first call of every row not yet answered through the
 * Batch API at the batch rate, and puts the answers into the call ledger, where the
 * process step then finds them. Validation, repairs and escalations run in the process
 * step as in sync mode; a line a batch failed, let expire or never answered is simply not
 * in the ledger, so the process step sends it one by one.
 *
 * <p>
 * Each execution of the tasklet does one round: the first collects and submits, each
 * later one polls the open batches once and waits (1 s, growing by half up to a minute),
 * so that a stop request is honoured between rounds. Every batch is recorded in
 * {@link BatchRecords} as soon as it is created, before it is polled: a run killed
 * afterwards resumes by polling it, and never submits its rows again.
 *
 * <p>
 * An endpoint without a Batch API (answering 404, 434 or 1220 to the first upload) makes
 * a {@code batch} job fail with a message saying so, and an {@code auto} job go on one by
 * one. An {@code auto} job stops waiting for its batches when a quarter of its deadline
 * is left (counted from its first batch), cancels them, and leaves their rows to the
 * process step. Not thread-safe: one step execution at a time.
 */
final class BatchPhase implements Tasklet {

	static final String STEP = "batch";

	private static final Logger log = LoggerFactory.getLogger(BatchPhase.class);

	private static final Duration FIRST_WAIT = Duration.ofSeconds(1);

	private static final Duration LONGEST_WAIT = Duration.ofMinutes(1);

	/** How long a cancelled batch is polled for the lines it answered before it ended. */
	private static final Duration CANCEL_GRACE = Duration.ofSeconds(10);

	/** How often a wait looks whether the job was marked stopping. */
	private static final Duration STOP_CHECK = Duration.ofMillis(200);

	private final BatchApi api;

	private final BatchRecords records;

	private final CallLedger ledger;

	private final CallMode mode;

	private final String jobName;

	private final Supplier<RowReader> rows;

	private final ContentTask task;

	private final FirstCalls firstCalls;

	private final boolean reuseEarlierRuns;

	private final ResultStaging staging;

	private final Clock clock;

	/** The step's execution, which says when a stop was requested. */
	private volatile @Nullable StepExecution step;

	private @Nullable Round round;

	/**
	 * @param rows opens the run's input anew
	 * @param taskFactory the task as the process step runs it, given the client it calls
	 */
	BatchPhase(BatchApi api, BatchRecords records, CallLedger ledger, ResultStaging staging, CallMode mode,
			String jobName, Supplier<RowReader> rows, Function<LlmClient, ContentTask> taskFactory,
			boolean reuseEarlierRuns, Clock clock) {
		this.api = api;
		this.records = records;
		this.ledger = ledger;
		this.staging = staging;
		this.mode = mode;
		this.jobName = jobName;
		this.rows = rows;
		this.firstCalls = new FirstCalls();
		this.task = taskFactory.apply(this.firstCalls);
		this.reuseEarlierRuns = reuseEarlierRuns;
		this.clock = clock;
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution execution = chunkContext.getStepContext().getStepExecution();
		this.step = execution;
		long run = execution.getJobExecution().getJobInstance().getInstanceId();
		Round current = this.round;
		if (current == null || current.run != run) {
			current = submit(run);
			this.round = current;
			if (current == null) {
				return RepeatStatus.FINISHED;
			}
		}
		else {
			pause(current);
		}
		poll(current);
		if (current.pending.isEmpty()) {
			this.round = null;
			return RepeatStatus.FINISHED;
		}
		if (current.switchAt != null && !this.clock.instant().isBefore(current.switchAt)) {
			giveUp(current);
			this.round = null;
			return RepeatStatus.FINISHED;
		}
		return RepeatStatus.CONTINUABLE;
	}

	/**
	 * Collects the first calls of the rows not answered yet, submits those no batch of
	 * the run holds, and returns the round of every open batch of the run; {@code null}
	 * when nothing goes through batches.
	 */
	private @Nullable Round submit(long run) {
		Set<String> submitted = this.records.submittedFingerprints(run);
		Map<String, ChatRequest> requests = new HashMap<>();
		Map<String, BatchLine> wanted = new LinkedHashMap<>();
		Map<String, String> fingerprints = new HashMap<>();
		Map<String, Long> rowOf = new HashMap<>();
		collect(run, submitted, requests, wanted, fingerprints, rowOf);
		if (!wanted.isEmpty()) {
			List<BatchLine> lines = List.copyOf(wanted.values());
			try {
				for (List<BatchLine> file : this.api.files(lines)) {
					BatchState batch = this.api.submit(file, Map.of("job", this.jobName, "run", Long.toString(run)));
					this.records.submitted(run, file.get(0).request().model(), batch, file, fingerprints, rowOf);
					log.info("Batch {} submitted: {} first calls at the batch rate ({})", batch.id(), file.size(),
							batch.status().wire());
				}
			}
			catch (BatchUnavailableException ex) {
				if (this.mode.kind() == CallMode.Kind.BATCH) {
					throw new FatalLlmException(ex.getMessage()
							+ ", so mode: batch cannot run; write mode: auto (batches where offered) or mode: sync",
							null, 0, null, 0, ex);
				}
				log.info("{}: mode auto sends every call one by one", ex.getMessage());
			}
			catch (BatchException ex) {
				if (this.mode.kind() == CallMode.Kind.BATCH) {
					throw new FatalLlmException("the Batch API refused a batch: " + ex.getMessage(), null, 0, null, 0,
							ex);
				}
				log.warn("The Batch API refused a batch ({}): mode auto sends the rest one by one", ex.getMessage());
			}
		}
		List<BatchRecords.Open> open = this.records.open(run);
		if (open.isEmpty()) {
			return null;
		}
		Instant first = this.records.firstSubmitted(run);
		Duration deadline = this.mode.deadline();
		Instant switchAt = (deadline != null && first != null) ? first.plus(deadline.multipliedBy(3).dividedBy(4))
				: null;
		return new Round(run, requests, new ArrayList<>(open.stream().map(BatchRecords.Open::batchId).toList()),
				switchAt);
	}

	private void collect(long run, Set<String> submitted, Map<String, ChatRequest> requests,
			Map<String, BatchLine> wanted, Map<String, String> fingerprints, Map<String, Long> rowOf) {
		long committed = this.staging.countRows(run);
		try (RowReader reader = this.rows.get()) {
			reader.open();
			for (SourceRow row = reader.read(); row != null; row = reader.read()) {
				if (row.rowNumber() <= committed || row.error() != null) {
					continue;
				}
				List<ChatRequest> calls = this.firstCalls.of(this.task, row);
				for (int call = 0; call < calls.size(); call++) {
					ChatRequest request = calls.get(call);
					String fingerprint = request.fingerprint();
					requests.put(fingerprint, request);
					if (submitted.contains(fingerprint) || wanted.containsKey(fingerprint)) {
						continue;
					}
					String customId = BatchLine.customId(row.rowNumber(), call);
					wanted.put(fingerprint, new BatchLine(customId, request));
					fingerprints.put(customId, fingerprint);
					rowOf.put(customId, row.rowNumber());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// looked up at once: one query per thousand requests instead of two per request
		wanted.keySet().removeAll(this.ledger.answered(run, wanted.keySet(), this.reuseEarlierRuns));
	}

	/** Polls every open batch once; lands those that ended. */
	private void poll(Round round) {
		for (String batchId : List.copyOf(round.pending)) {
			BatchState state = this.api.poll(batchId);
			String shown = shown(state);
			if (!shown.equals(round.shown.put(batchId, shown))) {
				log.info("Batch {}: {}", batchId, shown);
				this.records.seen(batchId, state.status());
			}
			if (state.status().ended()) {
				land(round, state);
				round.pending.remove(batchId);
			}
		}
	}

	/** Puts an ended batch's answers into the ledger and closes its record. */
	private void land(Round round, BatchState state) {
		Map<String, String> lines = this.records.lines(state.id());
		Map<String, ChatRequest> requests = new HashMap<>();
		lines.forEach((customId, fingerprint) -> {
			ChatRequest request = round.requests.get(fingerprint);
			if (request != null) {
				requests.put(customId, request);
			}
		});
		BatchResults results = (state.outputFileId() != null || state.errorFileId() != null)
				? this.api.results(state, requests) : new BatchResults(Map.of(), Map.of());
		TokenUsage usage = TokenUsage.ZERO;
		BigDecimal cost = BigDecimal.ZERO;
		for (Map.Entry<String, ChatAnswer> answer : results.answers().entrySet()) {
			this.ledger.record(round.run, Objects.requireNonNull(lines.get(answer.getKey())), answer.getValue());
			usage = usage.plus(answer.getValue().usage());
			cost = cost.add(answer.getValue().costUsd());
		}
		this.records.ended(state.id(), state.status(), results.answers().size(), results.failures().size(), usage,
				cost);
		this.api.delete(state.outputFileId());
		this.api.delete(state.errorFileId());
		int left = lines.size() - results.answers().size();
		if (!state.errors().isEmpty()) {
			log.warn("Batch {} was refused at validation: {}; its {} rows go one by one", state.id(),
					String.join("; ", state.errors()), lines.size());
		}
		else if (left > 0) {
			log.warn("Batch {} {}: {} of {} lines answered; the other {} go one by one", state.id(),
					state.status().wire(), results.answers().size(), lines.size(), left);
		}
	}

	/**
	 * The deadline of an {@code auto} job nears: cancels the open batches, keeps what
	 * they answered, and leaves the rest to the process step.
	 */
	private void giveUp(Round round) {
		log.info("The deadline nears: {} batch(es) cancelled, their unanswered rows go one by one",
				round.pending.size());
		for (String batchId : round.pending) {
			this.api.cancel(batchId);
		}
		Instant until = this.clock.instant().plus(CANCEL_GRACE);
		while (!round.pending.isEmpty() && this.clock.instant().isBefore(until) && !stopping()) {
			sleep(FIRST_WAIT);
			poll(round);
		}
		for (String batchId : round.pending) {
			this.records.ended(batchId, BatchState.Status.CANCELLING, 0, 0, TokenUsage.ZERO, BigDecimal.ZERO);
		}
	}

	private void pause(Round round) {
		Duration wait = round.wait;
		if (round.switchAt != null) {
			Duration left = Duration.between(this.clock.instant(), round.switchAt);
			wait = left.isNegative() ? Duration.ZERO : (left.compareTo(wait) < 0 ? left : wait);
		}
		sleep(wait);
		Duration longer = round.wait.plus(round.wait.dividedBy(2));
		round.wait = (longer.compareTo(LONGEST_WAIT) < 0) ? longer : LONGEST_WAIT;
	}

	private boolean stopping() {
		StepExecution execution = this.step;
		return execution != null && StopRequests.requested(execution);
	}

	/** Waits, and looks for a stop request every {@link #STOP_CHECK} meanwhile. */
	private void sleep(Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		while (!stopping()) {
			long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			if (left <= 0) {
				return;
			}
			try {
				Thread.sleep(Math.min(left, STOP_CHECK.toMillis()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** A batch's state as progress shows it. */
	static String shown(BatchState state) {
		return switch (state.status()) {
			case IN_PROGRESS -> "in progress " + (state.completed() + state.failed()) + " of " + state.total();
			case COMPLETED -> "completed, " + state.completed() + " answered, " + state.failed() + " failed";
			default -> state.status().wire().replace('_', ' ');
		};
	}

	/** The batches a step execution waits for. */
	private static final class Round {

		final long run;

		final Map<String, ChatRequest> requests;

		final List<String> pending;

		final @Nullable Instant switchAt;

		final Map<String, String> shown = new HashMap<>();

		Duration wait = FIRST_WAIT;

		Round(long run, Map<String, ChatRequest> requests, List<String> pending, @Nullable Instant switchAt) {
			this.run = run;
			this.requests = requests;
			this.pending = pending;
			this.switchAt = switchAt;
		}

	}

}
