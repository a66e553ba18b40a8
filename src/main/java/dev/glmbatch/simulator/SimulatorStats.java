package dev.glmbatch.simulator;

import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An immutable snapshot of what a {@link GlmSimulator} has seen since it started or was
 * last reset. Only chat requests count; the {@code /_simulator} endpoints and unknown
 * paths do not.
 *
 * @param requests chat requests received, whatever their fate
 * @param byHttpStatus responses per HTTP status (dropped connections have none)
 * @param byCode error responses per business code
 * @param maxInFlight the most valid chat requests seen in progress at once (a request
 * refused as malformed never counts)
 * @param inFlight valid chat requests in progress now
 * @param thinkingEnabled valid requests with thinking enabled
 * @param thinkingDisabled valid requests with thinking disabled
 * @param promptTokens prompt tokens of successful (HTTP 200) answers
 * @param completionTokens completion tokens (reasoning included) of successful answers
 * @param cachedTokens cached prompt tokens of successful answers
 * @param repaidCalls successful answers to a body (ignoring {@code request_id}) that had
 * been answered successfully before, i.e. calls a client paid for twice
 * @param streamed successful answers sent as SSE
 * @param dropped connections closed without a response
 * @param byModel valid requests per model
 * @param meanLatencyMillis mean time of a successful answer from its arrival until its
 * last bytes were due, which is how long it held its in-flight slot; 0 before the first
 * @param byReasoningEffort valid requests per {@code reasoning_effort} (sent, or the
 * default of a model that takes it)
 * @param reasoningTokens the part of {@code completionTokens} spent reasoning
 */
public record SimulatorStats(long requests, Map<Integer, Long> byHttpStatus, Map<String, Long> byCode, int maxInFlight,
		int inFlight, long thinkingEnabled, long thinkingDisabled, long promptTokens, long completionTokens,
		long cachedTokens, long repaidCalls, long streamed, long dropped, Map<String, Long> byModel,
		double meanLatencyMillis, Map<String, Long> byReasoningEffort, long reasoningTokens) {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	public SimulatorStats {
		byHttpStatus = Map.copyOf(byHttpStatus);
		byCode = Map.copyOf(byCode);
		byModel = Map.copyOf(byModel);
		byReasoningEffort = Map.copyOf(byReasoningEffort);
	}

	/** Responses with the given HTTP status. */
	public long countOfStatus(int httpStatus) {
		return this.byHttpStatus.getOrDefault(httpStatus, 0L);
	}

	/** Error responses with the given business code. */
	public long countOfCode(String code) {
		return this.byCode.getOrDefault(code, 0L);
	}

	/**
	 * The snapshot as a JSON object with the component names as keys (maps sorted by
	 * key).
	 * @return the JSON text
	 */
	public String toJson() {
		ObjectNode json = JSON.createObjectNode();
		json.put("requests", this.requests);
		ObjectNode statuses = json.putObject("byHttpStatus");
		new TreeMap<>(this.byHttpStatus).forEach((status, count) -> statuses.put(String.valueOf(status), count));
		ObjectNode codes = json.putObject("byCode");
		new TreeMap<>(this.byCode).forEach(codes::put);
		json.put("maxInFlight", this.maxInFlight);
		json.put("inFlight", this.inFlight);
		json.put("thinkingEnabled", this.thinkingEnabled);
		json.put("thinkingDisabled", this.thinkingDisabled);
		json.put("promptTokens", this.promptTokens);
		json.put("completionTokens", this.completionTokens);
		json.put("cachedTokens", this.cachedTokens);
		json.put("repaidCalls", this.repaidCalls);
		json.put("streamed", this.streamed);
		json.put("dropped", this.dropped);
		ObjectNode models = json.putObject("byModel");
		new TreeMap<>(this.byModel).forEach(models::put);
		json.put("meanLatencyMillis", this.meanLatencyMillis);
		ObjectNode efforts = json.putObject("byReasoningEffort");
		new TreeMap<>(this.byReasoningEffort).forEach(efforts::put);
		json.put("reasoningTokens", this.reasoningTokens);
		return JSON.writeValueAsString(json);
	}

}
