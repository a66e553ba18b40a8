package dev.glmbatch.pipeline;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.FatalLlmException;
import dev.glmbatch.llm.ItemLlmException;
import dev.glmbatch.llm.LlmClient;
import org.jspecify.annotations.Nullable;

/**
 * An {@link LlmClient} that answers from the {@link CallLedger} when it can and records
 * every new answer there before returning it. A re-used answer comes back with
 * {@code attempts == 0}, which is how reports tell re-used from paid.
 *
 * <p>
 * Identical requests (same fingerprint) in flight at the same moment are sent once: the
 * later callers wait for the first one's answer, or its exception, and get the answer as
 * re-used.
 *
 * <p>
 * When the run re-uses answers across runs (the default), a request this run has not paid
 * for is looked up among the entries of every other run before it is sent: an unchanged
 * row of a catalogue translated yesterday costs nothing today. Such an answer is noted in
 * the row's {@link RowCalls} with what it cost then, and is not copied into this run's
 * entries, so the ledger grows only by paid answers.
 *
 * <p>
 * Each paid call first asks the {@link SpendingGuard}, and its wall time goes to the
 * {@link RunMeter}.
 *
 * <p>
 * Once a call ends in a {@link FatalLlmException} (a quota reached, the balance used up,
 * a refused key), no other call of the run is sent: each later one fails at once with
 * that same exception, so that a job-wide fault costs the calls in flight when it came
 * and no more.
 *
 * <p>
 * Every answer or refusal tells the {@link TransientFailures} that the endpoint answers,
 * and the calls of the row whose task runs on the calling thread are noted in its
 * {@link RowCalls} ({@link #beginRow()}).
 */
final class LedgerLlmClient implements LlmClient {

	private final CallLedger ledger;

	private final long jobInstanceId;

	private final LlmClient delegate;

	private final SpendingGuard guard;

	/** How often the spending of every process working the run is read, at most. */
	private static final long SPENDING_READ_NANOS = 1_000_000_000L;

	/** When the spending of every process is read next ({@link System#nanoTime()}). */
	private final AtomicLong nextSpendingRead = new AtomicLong(System.nanoTime() + SPENDING_READ_NANOS);

	private final RunMeter meter;

	private final boolean reuseEarlierRuns;

	private final Map<String, CompletableFuture<Found>> inFlight = new ConcurrentHashMap<>();

	private final AtomicReference<@Nullable FatalLlmException> halted = new AtomicReference<>();

	private final TransientFailures failures;

	private final ThreadLocal<RowCalls> row = ThreadLocal.withInitial(RowCalls::new);

	/**
	 * @param reuseEarlierRuns whether answers other runs paid for are taken instead of
	 * paying again
	 */
	LedgerLlmClient(CallLedger ledger, long jobInstanceId, boolean reuseEarlierRuns, LlmClient delegate,
			SpendingGuard guard, RunMeter meter, TransientFailures failures) {
		this.reuseEarlierRuns = reuseEarlierRuns;
		this.failures = failures;
		this.ledger = ledger;
		this.jobInstanceId = jobInstanceId;
		this.delegate = delegate;
		this.guard = guard;
		this.meter = meter;
	}

	/**
	 * Starts noting the calls of a row whose task runs on this thread, and returns where
	 * they are noted.
	 */
	RowCalls beginRow() {
		RowCalls calls = new RowCalls();
		row.set(calls);
		return calls;
	}

	@Override
	public ChatAnswer complete(ChatRequest request) {
		RowCalls calls = row.get();
		try {
			Found found = answer(request);
			if (found.earlierRun()) {
				calls.fromEarlierRun(found.answer().costUsd());
			}
			calls.answered();
			return found.answer();
		}
		catch (ItemLlmException ex) {
			calls.refused(ex);
			throw ex;
		}
	}

	private Found answer(ChatRequest request) {
		String fingerprint = request.fingerprint();
		CompletableFuture<Found> mine = new CompletableFuture<>();
		CompletableFuture<Found> first = inFlight.putIfAbsent(fingerprint, mine);
		if (first != null) {
			meter.deduplicated();
			Found shared = await(first);
			return new Found(reused(shared.answer()), shared.earlierRun());
		}
		try {
			// looked up after claiming the fingerprint: an identical call that just
			// finished is in the ledger by now
			Found found = lookUp(fingerprint);
			if (found == null) {
				found = new Found(pay(request, fingerprint), false);
			}
			mine.complete(found);
			return found;
		}
		catch (RuntimeException ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			inFlight.remove(fingerprint, mine);
		}
	}

	/**
	 * The answer this run paid for, else one an earlier run paid for when re-use is on,
	 * as re-used; {@code null} when it must be paid.
	 */
	private @Nullable Found lookUp(String fingerprint) {
		Optional<ChatAnswer> paid = ledger.find(jobInstanceId, fingerprint);
		if (paid.isPresent()) {
			meter.ledgerHit();
			return new Found(reused(paid.get()), false);
		}
		if (reuseEarlierRuns) {
			Optional<ChatAnswer> earlier = ledger.findEarlier(jobInstanceId, fingerprint);
			if (earlier.isPresent()) {
				meter.earlierRunHit();
				return new Found(reused(earlier.get()), true);
			}
		}
		return null;
	}

	private ChatAnswer pay(ChatRequest request, String fingerprint) {
		FatalLlmException halt = halted.get();
		if (halt != null) {
			throw halt;
		}
		if (guard.limited()) {
			readSpendingOfAllProcesses();
		}
		guard.beforeCall();
		long start = System.nanoTime();
		ChatAnswer answer;
		try {
			answer = delegate.complete(request);
		}
		catch (FatalLlmException ex) {
			halted.compareAndSet(null, ex);
			guard.failed();
			throw ex;
		}
		catch (ItemLlmException ex) {
			failures.answered();
			guard.failed();
			throw ex;
		}
		catch (RuntimeException ex) {
			guard.failed();
			throw ex;
		}
		failures.answered();
		meter.paidCall(System.nanoTime() - start);
		ledger.record(jobInstanceId, fingerprint, answer);
		guard.paid(answer);
		return answer;
	}

	/**
	 * At most once a second, before a paid call under a budget: what other processes
	 * working the run have spent meanwhile, so that several workers keep one budget
	 * together rather than one each.
	 */
	private void readSpendingOfAllProcesses() {
		long now = System.nanoTime();
		long due = nextSpendingRead.get();
		if (now - due < 0 || !nextSpendingRead.compareAndSet(due, now + SPENDING_READ_NANOS)) {
			return;
		}
		CallLedger.LedgerTotals spent = ledger.totals(jobInstanceId);
		guard.spentInAll(spent.answers(), spent.costUsd(), spent.tokens());
	}

	private static Found await(CompletableFuture<Found> first) {
		try {
			return first.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("an identical call failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for an identical call", ex);
		}
	}

	private static ChatAnswer reused(ChatAnswer answer) {
		return new ChatAnswer(answer.content(), answer.reasoning(), answer.finishReason(), answer.usage(),
				answer.costUsd(), answer.model(), answer.responseId(), 0, answer.toolCalls());
	}

	/** An answer, and whether an earlier run paid for it. */
	private record Found(ChatAnswer answer, boolean earlierRun) {
	}

}
