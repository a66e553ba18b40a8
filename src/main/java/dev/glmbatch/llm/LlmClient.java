package dev.glmbatch.llm;

/**
 * Port to a chat model. One call sends one request and returns one answer.
 *
 * <p>
 * Implementations retry transient faults themselves (they are the only retry layer) and
 * surface everything else as a subtype of {@link LlmException}. Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface LlmClient {

	/**
	 * Sends the request and waits for the whole answer.
	 * @param request what to ask
	 * @return the answer, never {@code null}
	 * @throws TransientLlmException when retries were exhausted on transient faults
	 * @throws ItemLlmException when this request cannot be answered, but others may
	 * @throws FatalLlmException when no request can be answered until the configuration
	 * or account is fixed
	 */
	ChatAnswer complete(ChatRequest request);

}
