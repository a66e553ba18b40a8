package dev.glmbatch.pipeline;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
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
 * re-used. Each paid call first asks the {@link SpendingGuard}, and its wall time goes to
 * the {@link RunMeter}.
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

	private final RunMeter meter;

	private final Map<String, CompletableFuture<ChatAnswer>> inFlight = new ConcurrentHashMap<>();

	private final AtomicReference<@Nullable FatalLlmException> halted = new AtomicReference<>();

	private final TransientFailures failures;

	private final ThreadLocal<RowCalls> row = ThreadLocal.withInitial(RowCalls::new);

	LedgerLlmClient(CallLedger ledger, long jobInstanceId, LlmClient delegate, SpendingGuard guard, RunMeter meter,
			TransientFailures failures) {
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
			ChatAnswer answer = answer(request);
			calls.answered();
			return answer;
		}
		catch (ItemLlmException ex) {
			calls.refused(ex);
			throw ex;
		}
	}

	private ChatAnswer answer(ChatRequest request) {
		String fingerprint = request.fingerprint();
		CompletableFuture<ChatAnswer> mine = new CompletableFuture<>();
		CompletableFuture<ChatAnswer> first = inFlight.putIfAbsent(fingerprint, mine);
		if (first != null) {
			meter.deduplicated();
			return reused(await(first));
		}
		try {
			// looked up after claiming the fingerprint: an identical call that just
			// finished is in the ledger by now
			Optional<ChatAnswer> paid = ledger.find(jobInstanceId, fingerprint);
			if (paid.isPresent()) {
				meter.ledgerHit();
				ChatAnswer answer = reused(paid.get());
				mine.complete(answer);
				return answer;
			}
			ChatAnswer answer = pay(request, fingerprint);
			mine.complete(answer);
			return answer;
		}
		catch (RuntimeException ex) {
			mine.completeExceptionally(ex);
			throw ex;
		}
		finally {
			inFlight.remove(fingerprint, mine);
		}
	}

	private ChatAnswer pay(ChatRequest request, String fingerprint) {
		FatalLlmException halt = halted.get();
		if (halt != null) {
			throw halt;
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

	private static ChatAnswer await(CompletableFuture<ChatAnswer> first) {
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

}
