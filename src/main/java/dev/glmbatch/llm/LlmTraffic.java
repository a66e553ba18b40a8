package dev.glmbatch.llm;

/**
 * A view of the calls an {@link LlmClient} has in flight and of how the provider
 * answered, for progress displays, reports and metrics, and the one setting a job may
 * change: a model's in-flight ceiling. Implementations are thread-safe and cheap to call
 * often.
 */
@FunctionalInterface
public interface LlmTraffic {

	/**
	 * A view for clients that keep no figures: no limit, nothing in flight, nothing
	 * counted.
	 */
	LlmTraffic NONE = model -> TrafficSnapshot.EMPTY;

	/**
	 * The figures of one model now.
	 * @param model the model id, e.g. {@code glm-4.5-air}
	 * @return a snapshot; counts only grow for the life of the client
	 */
	TrafficSnapshot traffic(String model);

	/**
	 * Sets the ceiling of a model's in-flight limit from now on: the account's limit as a
	 * job file states it. Does nothing for clients that keep no limit.
	 * @param model the model id
	 * @param ceiling at least 1
	 */
	default void setInFlightCeiling(String model, int ceiling) {
	}

}
