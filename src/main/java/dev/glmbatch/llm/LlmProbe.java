package dev.glmbatch.llm;

/**
 * Checks that the model endpoint can be reached and accepts the API key, without a
 * billable call. Thread-safe.
 */
@FunctionalInterface
public interface LlmProbe {

	Reachability probe();

	/**
	 * What the probe found.
	 *
	 * @param reachable an HTTP answer came back from the endpoint
	 * @param authorised the endpoint did not refuse the API key
	 * @param detail one line for people: the HTTP status, or why nothing came back
	 */
	record Reachability(boolean reachable, boolean authorised, String detail) {

		public boolean isUp() {
			return reachable && authorised;
		}

	}

}
