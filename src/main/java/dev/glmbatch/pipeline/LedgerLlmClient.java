package dev.glmbatch.pipeline;

import java.util.Optional;

import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.LlmClient;

/**
 * An {@link LlmClient} that answers from the {@link CallLedger} when it can and records every new answer there
 * before returning it. A re-used answer comes back with {@code attempts == 0}, which is how reports tell re-used from
 * paid.
 */
final class LedgerLlmClient implements LlmClient {

	private final CallLedger ledger;

	private final long jobInstanceId;

	private final LlmClient delegate;

	LedgerLlmClient(CallLedger ledger, long jobInstanceId, LlmClient delegate) {
		this.ledger = ledger;
		this.jobInstanceId = jobInstanceId;
		this.delegate = delegate;
	}

	@Override
	public ChatAnswer complete(ChatRequest request) {
		String fingerprint = request.fingerprint();
		Optional<ChatAnswer> paid = ledger.find(jobInstanceId, fingerprint);
		if (paid.isPresent()) {
			ChatAnswer answer = paid.get();
			return new ChatAnswer(answer.content(), answer.reasoning(), answer.finishReason(), answer.usage(),
					answer.costUsd(), answer.model(), answer.responseId(), 0);
		}
		ChatAnswer answer = delegate.complete(request);
		ledger.record(jobInstanceId, fingerprint, answer);
		return answer;
	}

}
