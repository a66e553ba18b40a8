package dev.glmbatch.llm.glm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;

import dev.glmbatch.llm.LlmProbe;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.glmbatch.llm.glm.api.ChatCompletion;
import dev.glmbatch.llm.glm.api.ChatCompletionRequest;
import dev.glmbatch.llm.glm.api.ErrorBody;

/**
 * One HTTP attempt: send the body, read the whole answer or the stream within the
 * deadline, and return the raw completion, or throw a classified {@link GlmFault}. No
 * retries here; {@link GlmClient} owns them. Thread-safe.
 */
final class GlmExchange {

	private final HttpClient http;

	private final JsonMapper mapper;

	private final URI endpoint;

	private final @Nullable String authorization;

	private final Duration callTimeout;

	private final ScheduledExecutorService deadlines;

	private final GlmFaultClassifier classifier;

	private final Clock clock;

	GlmExchange(HttpClient http, JsonMapper mapper, GlmProperties properties, ScheduledExecutorService deadlines,
			GlmFaultClassifier classifier, Clock clock) {
		this.http = http;
		this.mapper = mapper;
		this.endpoint = properties.chatCompletionsUri();
		this.authorization = properties.hasApiKey() ? "Bearer " + properties.apiKey() : null;
		this.callTimeout = properties.callTimeout();
		this.deadlines = deadlines;
		this.classifier = classifier;
		this.clock = clock;
	}

	/**
	 * Sends one attempt.
	 * @param body the wire request, with this attempt's request id
	 * @return what the server answered
	 * @throws GlmFault when the attempt failed, already classified
	 * @throws InterruptedException when the thread was interrupted while waiting for the
	 * response
	 */
	Completion send(ChatCompletionRequest body, String requestId) throws InterruptedException {
		boolean stream = Boolean.TRUE.equals(body.stream());
		HttpRequest request = request(body, stream);
		long deadline = System.nanoTime() + callTimeout.toNanos();
		HttpResponse<InputStream> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (HttpConnectTimeoutException ex) {
			throw classifier.connectionFailed(0, ex);
		}
		catch (HttpTimeoutException ex) {
			throw classifier.timedOut(callTimeout, 0, ex);
		}
		catch (IOException ex) {
			throw classifier.connectionFailed(0, ex);
		}
		InputStream in = response.body();
		int status = response.statusCode();
		try (CallDeadline guard = CallDeadline.arm(deadlines, in, deadline)) {
			try {
				return read(response, in, stream, guard, requestId);
			}
			catch (IOException ex) {
				throw guard.expired() ? classifier.timedOut(callTimeout, status, null)
						: classifier.connectionFailed(status, ex);
			}
		}
		finally {
			closeQuietly(in);
		}
	}

	/**
	 * Sends a request with no messages: every GLM server refuses it before any inference
	 * (400), so it costs nothing, yet the answer shows whether the endpoint is reachable
	 * and whether it accepts the key (401/403 otherwise).
	 */
	LlmProbe.Reachability probe(String model) throws InterruptedException {
		HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
			.timeout(callTimeout)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"messages\":[]}"));
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		try {
			int status = http.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status == 401 || status == 403) {
				return new LlmProbe.Reachability(true, false,
						endpoint + " refused the API key" + keyHint() + " (HTTP " + status + ")");
			}
			if (status == 404 || status == 405) {
				// an answer, but not from a chat completions route: a wrong base URL
				// (path or port)
				return new LlmProbe.Reachability(false, false,
						endpoint + " answered HTTP " + status + ": no chat completions route there");
			}
			if (status >= 500) {
				return new LlmProbe.Reachability(false, true, endpoint + " answered HTTP " + status);
			}
			return new LlmProbe.Reachability(true, true, "reachable (HTTP " + status + " to a free probe request)");
		}
		catch (IOException ex) {
			return new LlmProbe.Reachability(false, false,
					"cannot reach " + endpoint + ": "
							+ ((ex.getMessage() != null) ? ex.getClass().getSimpleName() + " (" + ex.getMessage() + ")"
									: ex.getClass().getSimpleName()));
		}
	}

	/**
	 * The last 4 characters of a key long enough that they give nothing away, for people
	 * to tell keys apart.
	 */
	private String keyHint() {
		if (authorization == null) {
			return " (none was set)";
		}
		String key = authorization.substring("Bearer ".length());
		return (key.length() >= 16) ? " ending in …" + key.substring(key.length() - 4) : "";
	}

	private HttpRequest request(ChatCompletionRequest body, boolean stream) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
			.timeout(callTimeout)
			.header("Content-Type", "application/json")
			.header("Accept", stream ? "text/event-stream" : "application/json")
			.header("Accept-Language", "en-US,en")
			.POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)));
		if (authorization != null) {
			builder.header("Authorization", authorization);
		}
		return builder.build();
	}

	private Completion read(HttpResponse<InputStream> response, InputStream in, boolean stream, CallDeadline guard,
			String requestId) throws IOException {
		int status = response.statusCode();
		if (status < 200 || status >= 300) {
			byte[] bytes = in.readAllBytes();
			requireInTime(guard, status);
			throw errorOf(status, bytes, response, requestId);
		}
		String contentType = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
		if (stream && !contentType.contains("json")) {
			return readStream(in, guard, status, requestId);
		}
		byte[] bytes = in.readAllBytes();
		requireInTime(guard, status);
		return readWhole(bytes, status, requestId);
	}

	private GlmFault errorOf(int status, byte[] bytes, HttpResponse<?> response, String requestId) {
		Duration retryAfter = RetryAfter.from(response.headers(), clock.instant());
		JsonNode root = parse(bytes);
		if (root == null) {
			return classifier.unreadableBody(status, retryAfter);
		}
		return classifier.serverError(status, ErrorBody.from(root), retryAfter, requestId);
	}

	private Completion readWhole(byte[] bytes, int status, String requestId) {
		JsonNode root = parse(bytes);
		if (root == null) {
			throw classifier.unreadableBody(status, null);
		}
		ErrorBody error = ErrorBody.from(root);
		if (error != null) {
			throw classifier.serverError(status, error, null, requestId);
		}
		ChatCompletion completion;
		try {
			completion = mapper.treeToValue(root, ChatCompletion.class);
		}
		catch (JacksonException ex) {
			throw classifier.unreadableBody(status, null);
		}
		if (completion.choices() == null || completion.choices().isEmpty()) {
			throw classifier.unreadableBody(status, null);
		}
		return Completion.of(completion, completion.choices().get(0));
	}

	private Completion readStream(InputStream in, CallDeadline guard, int status, String requestId) throws IOException {
		StreamAccumulator accumulator = new StreamAccumulator(mapper);
		BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
		String line;
		while ((line = reader.readLine()) != null) {
			if (accumulator.accept(line)) {
				break;
			}
		}
		requireInTime(guard, status);
		ErrorBody error = accumulator.error();
		if (error != null) {
			throw classifier.serverError(status, error, null, requestId);
		}
		if (!accumulator.isFinished()) {
			throw classifier.streamCut();
		}
		return accumulator.toCompletion();
	}

	private void requireInTime(CallDeadline guard, int status) {
		if (guard.expired()) {
			throw classifier.timedOut(callTimeout, status, null);
		}
	}

	/**
	 * The JSON object in the bytes, or {@code null} when they are not one (HTML, text,
	 * truncated JSON).
	 */
	private @Nullable JsonNode parse(byte[] bytes) {
		try {
			JsonNode root = mapper.readTree(bytes);
			return (root != null && root.isObject()) ? root : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static void closeQuietly(InputStream in) {
		try {
			in.close();
		}
		catch (IOException ex) {
			// the answer is already read or the attempt has already failed
		}
	}

}
