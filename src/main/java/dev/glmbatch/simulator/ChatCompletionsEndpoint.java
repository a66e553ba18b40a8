package dev.glmbatch.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one chat-completions request from start to end: authentication, validation, the
 * in-flight limit, rules or faults, latency, and the JSON or SSE answer.
 *
 * <p>
 * A request is "finished" (stats counted, its in-flight slot released) just before its
 * last bytes are written, so a client that has read a response can never see it still
 * counted in flight nor be refused for it.
 */
final class ChatCompletionsEndpoint {

	private static final Logger log = LoggerFactory.getLogger(ChatCompletionsEndpoint.class);

	private static final int DROPPED = 0;

	private final ApiKeyCheck keys;

	private final RequestReader reader;

	private final InFlightLimits limits;

	private final RuleBook rules;

	private final FaultInjector faults;

	private final LatencyModel latency;

	private final AnswerComposer composer;

	private final PrefixCache prefixCache;

	private final StatsRecorder stats;

	private final WireFormat wire;

	private final RequestIds requestIds;

	ChatCompletionsEndpoint(ApiKeyCheck keys, RequestReader reader, InFlightLimits limits, RuleBook rules,
			FaultInjector faults, LatencyModel latency, AnswerComposer composer, PrefixCache prefixCache,
			StatsRecorder stats, WireFormat wire, RequestIds requestIds) {
		this.keys = keys;
		this.reader = reader;
		this.limits = limits;
		this.rules = rules;
		this.faults = faults;
		this.latency = latency;
		this.composer = composer;
		this.prefixCache = prefixCache;
		this.stats = stats;
		this.wire = wire;
		this.requestIds = requestIds;
	}

	void handle(HttpExchange exchange, SimulatorRule.Route route) {
		Call call = new Call(exchange, route);
		try {
			try {
				serve(call);
			}
			catch (RequestRejectedException ex) {
				sendError(call, ex.httpStatus(), ex.code(), ex.getMessage(), null);
			}
			catch (RuntimeException ex) {
				log.error("Simulator failed on a {} chat request", route, ex);
				sendError(call, 500, "500", "[simulator] " + ex, null);
			}
		}
		catch (IOException ex) {
			log.debug("Chat request on {} ended early: {}", route, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			// without response headers, closing the exchange closes the connection: that
			// is how a drop happens
			call.finish(DROPPED, null);
			exchange.close();
		}
	}

	private void serve(Call call) throws RequestRejectedException, IOException, InterruptedException {
		SimulatedRequest request = admit(call);
		SimulatorRule.Response plan = planFor(request);
		if (plan.isError()) {
			LatencyModel.sleepNanos((plan.latency() != null) ? plan.latency().toNanos() : 0);
			String code = plan.errorCode();
			sendError(call, plan.errorStatus(), code, ErrorCatalog.messageOf(code), plan);
			return;
		}
		LatencyModel.sleepNanos((plan.latency() != null) ? plan.latency().toNanos() : this.latency.firstTokenNanos());
		if (!plan.dropConnection()) {
			answer(call, request, plan);
		}
	}

	/**
	 * Reads, authenticates and validates the request, refuses a {@code request_id} seen
	 * before, then takes an in-flight slot of its model.
	 */
	private SimulatedRequest admit(Call call) throws RequestRejectedException, IOException {
		byte[] body = call.exchange.getRequestBody().readAllBytes();
		this.keys.check(call.exchange.getRequestHeaders().getFirst("Authorization"));
		SimulatedRequest request = this.reader.read(body, call.route);
		call.request = request;
		this.stats.requestValidated(request);
		String requestId = request.clientRequestId();
		if (requestId != null && !this.requestIds.firstUse(requestId)) {
			throw new RequestRejectedException(400, "1231", "[simulator] You already have a request: " + requestId);
		}
		if (!this.limits.tryAcquire(request.model())) {
			throw new RequestRejectedException(429, "1302", "[simulator] Too many requests in flight for "
					+ request.model() + " (limit " + this.limits.limitOf(request.model()) + "); lower the concurrency");
		}
		call.holdsSlot = true;
		return request;
	}

	/** A matching rule wins; otherwise a drawn fault; otherwise a normal answer. */
	private SimulatorRule.Response planFor(SimulatedRequest request) {
		SimulatorRule.Response plan = this.rules.apply(request);
		if (plan == null) {
			plan = this.faults.roll();
		}
		return (plan != null) ? plan : SimulatorRule.Response.normal();
	}

	private void answer(Call call, SimulatedRequest request, SimulatorRule.Response plan)
			throws IOException, InterruptedException {
		Answer answer = this.composer.compose(request, plan);
		int cached = this.prefixCache.lookUpAndRemember(request.model(), request.prompt());
		WireFormat.Envelope envelope = this.wire.envelope(request);
		this.stats.answered(request, answer, cached);
		if (request.stream()) {
			stream(call, request, envelope, answer, cached, plan);
			return;
		}
		LatencyModel.sleepNanos(this.latency.generationNanos(answer.completionTokens()));
		byte[] json = this.wire.completion(request, envelope, answer, cached);
		call.finish(200, null);
		send(call.exchange, 200, WireFormat.JSON_CONTENT_TYPE, json, plan);
	}

	private void stream(Call call, SimulatedRequest request, WireFormat.Envelope envelope, Answer answer, int cached,
			SimulatorRule.Response plan) throws IOException, InterruptedException {
		Headers headers = call.exchange.getResponseHeaders();
		headers.set("Content-Type", WireFormat.SSE_CONTENT_TYPE);
		headers.set("Cache-Control", "no-cache");
		if (plan.retryAfter() != null) {
			headers.set("Retry-After", plan.retryAfter());
		}
		call.exchange.sendResponseHeaders(200, 0);
		List<String> reasoning = answer.reasoningPieces();
		List<String> content = answer.contentPieces();
		// the pieces of reasoning and text; the arguments of a call follow them
		int total = reasoning.size() + content.size();
		int malformedAt = plan.malformedSse() ? total / 2 : -1;
		try (OutputStream out = bodyOf(call.exchange, plan)) {
			Pacer pacer = new Pacer(out);
			for (int i = 0; i <= total; i++) {
				if (i == malformedAt) {
					out.write(this.wire.malformedChunk(request, envelope));
				}
				if (i == total) {
					break;
				}
				out.write((i < reasoning.size()) ? this.wire.chunk(request, envelope, reasoning.get(i), null)
						: this.wire.chunk(request, envelope, null, content.get(i - reasoning.size())));
				pacer.tokenSent();
			}
			if (answer.toolCall() != null) {
				streamToolCall(out, pacer, request, envelope, answer.toolCall());
			}
			byte[] last = this.wire.lastChunk(request, envelope, answer, cached);
			call.finish(200, null);
			out.write(last);
			out.write(this.wire.done());
		}
	}

	/**
	 * The call of a streamed answer: in one chunk, as GLM-4.5 sends it, or with
	 * {@code tool_stream} on GLM-4.6 and later in fragments, one per token of the
	 * arguments. Arguments sent as an object always go whole.
	 */
	private void streamToolCall(OutputStream out, Pacer pacer, SimulatedRequest request, WireFormat.Envelope envelope,
			Answer.ToolCallAnswer toolCall) throws IOException, InterruptedException {
		List<String> pieces = toolCall.argumentPieces();
		if (!request.toolStream() || !RequestReader.streamsToolArguments(request.model()) || toolCall.asObject()) {
			out.write(this.wire.toolCallChunk(request, envelope, toolCall, null, true));
			for (int i = 0; i < pieces.size(); i++) {
				pacer.tokenSent();
			}
			return;
		}
		out.write(this.wire.toolCallChunk(request, envelope, toolCall, "", true));
		for (String piece : pieces) {
			out.write(this.wire.toolCallChunk(request, envelope, toolCall, piece, false));
			pacer.tokenSent();
		}
	}

	private void sendError(Call call, int httpStatus, String code, String message,
			SimulatorRule.@Nullable Response plan) throws IOException {
		byte[] json = this.wire.error(call.route, httpStatus, code, message);
		call.finish(httpStatus, code);
		send(call.exchange, httpStatus, WireFormat.JSON_CONTENT_TYPE, json, plan);
	}

	private static void send(HttpExchange exchange, int httpStatus, String contentType, byte[] body,
			SimulatorRule.@Nullable Response plan) throws IOException {
		Headers headers = exchange.getResponseHeaders();
		headers.set("Content-Type", contentType);
		if (plan != null && plan.retryAfter() != null) {
			headers.set("Retry-After", plan.retryAfter());
		}
		exchange.sendResponseHeaders(httpStatus, body.length);
		try (OutputStream out = bodyOf(exchange, plan)) {
			out.write(body);
		}
	}

	private static OutputStream bodyOf(HttpExchange exchange, SimulatorRule.@Nullable Response plan) {
		OutputStream body = exchange.getResponseBody();
		return (plan != null && plan.slowDrip() != null) ? new DrippingOutputStream(body, plan.slowDrip()) : body;
	}

	/**
	 * Holds the stream to the configured tokens per second, measured from the first
	 * token.
	 */
	private final class Pacer {

		private final OutputStream out;

		private final long startNanos = System.nanoTime();

		private int sent;

		Pacer(OutputStream out) {
			this.out = out;
		}

		void tokenSent() throws IOException, InterruptedException {
			this.sent++;
			if (!ChatCompletionsEndpoint.this.latency.isPaced()) {
				return;
			}
			this.out.flush();
			long due = this.startNanos + ChatCompletionsEndpoint.this.latency.generationNanos(this.sent);
			LatencyModel.sleepNanos(due - System.nanoTime());
		}

	}

	/** The state of one exchange, finished exactly once. */
	private final class Call {

		private final HttpExchange exchange;

		private final SimulatorRule.Route route;

		private final long startNanos = System.nanoTime();

		private @Nullable SimulatedRequest request;

		private boolean holdsSlot;

		private boolean finished;

		Call(HttpExchange exchange, SimulatorRule.Route route) {
			this.exchange = exchange;
			this.route = route;
			ChatCompletionsEndpoint.this.stats.requestStarted();
		}

		void finish(int httpStatus, @Nullable String code) {
			if (this.finished) {
				return;
			}
			this.finished = true;
			SimulatedRequest served = this.request;
			if (this.holdsSlot && served != null) {
				ChatCompletionsEndpoint.this.limits.release(served.model());
			}
			ChatCompletionsEndpoint.this.stats.requestFinished(httpStatus, code, System.nanoTime() - this.startNanos,
					served != null);
			if (log.isDebugEnabled()) {
				log.debug("Chat request: route={} model={} thinking={} status={} code={} latency={}ms", this.route,
						(served != null) ? served.model() : "-", (served != null) ? served.thinking() : "-",
						(httpStatus == DROPPED) ? "dropped" : httpStatus, (code != null) ? code : "-",
						(System.nanoTime() - this.startNanos) / 1_000_000);
			}
		}

	}

}
