package dev.glmbatch.llm;

/**
 * A read-only view of the calls an {@link LlmClient} has in flight and of how the provider answered, for progress
 * displays, reports and metrics. Implementations are thread-safe and cheap to call often.
 */
@FunctionalInterface
public interface LlmTraffic {

	/** A view for clients that keep no figures: no limit, nothing in flight, nothing counted. */
	LlmTraffic NONE = model -> TrafficSnapshot.EMPTY;

	/**
	 * The figures of one model now.
	 * @param model the model id, e.g. {@code glm-4.5-air}
	 * @return a snapshot; counts only grow for the life of the client
	 */
	TrafficSnapshot traffic(String model);

}
