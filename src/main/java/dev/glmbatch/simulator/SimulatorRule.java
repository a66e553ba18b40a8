package dev.glmbatch.simulator;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A scripted answer: when a valid chat request {@link Match matches}, the simulator
 * replies as {@link Response} says instead of generating an answer (and instead of
 * drawing faults).
 *
 * <p>
 * Rules are checked in order (programmatic rules first, then those of the rules file);
 * the first matching rule that still has uses left wins. A rule with {@code times = N}
 * applies to its first N matches only; {@code null} means always. Requests refused for
 * validation or for the in-flight limit never reach the rules, so they do not use up a
 * rule.
 *
 * @param match which requests the rule applies to
 * @param respond how to answer them
 * @param times how many matching requests the rule applies to, or {@code null} for all
 */
public record SimulatorRule(Match match, Response respond, @Nullable Integer times) {

	public SimulatorRule {
		if (times != null && times < 1) {
			throw new IllegalArgumentException("times must be >= 1 when set, was " + times);
		}
	}

	/**
	 * A rule that applies to every matching request.
	 * @param match which requests
	 * @param respond how to answer
	 * @return the rule
	 */
	public static SimulatorRule when(Match match, Response respond) {
		return new SimulatorRule(match, respond, null);
	}

	public SimulatorRule withTimes(@Nullable Integer times) {
		return new SimulatorRule(this.match, this.respond, times);
	}

	/** The endpoint a request arrived on. */
	public enum Route {

		/**
		 * {@code /api/paas/v4/chat/completions} (and the coding-plan prefix): the Z.AI
		 * shape.
		 */
		ZAI,

		/**
		 * {@code /v1/chat/completions}: the OpenAI-compatible shape of vLLM and SGLang.
		 */
		OPENAI

	}

	/**
	 * Which requests a rule applies to; every criterion left {@code null} matches
	 * anything.
	 *
	 * @param contains a substring of the content of any message
	 * @param model the exact model id
	 * @param thinking {@code true} for requests with thinking enabled, {@code false} for
	 * disabled
	 * @param route the endpoint
	 */
	public record Match(@Nullable String contains, @Nullable String model, @Nullable Boolean thinking,
			@Nullable Route route) {

		public static Match any() {
			return new Match(null, null, null, null);
		}

		public static Match containing(String text) {
			return any().withContains(text);
		}

		public Match withContains(@Nullable String contains) {
			return new Match(contains, this.model, this.thinking, this.route);
		}

		public Match withModel(@Nullable String model) {
			return new Match(this.contains, model, this.thinking, this.route);
		}

		public Match withThinking(@Nullable Boolean thinking) {
			return new Match(this.contains, this.model, thinking, this.route);
		}

		public Match withRoute(@Nullable Route route) {
			return new Match(this.contains, this.model, this.thinking, route);
		}

		boolean matches(SimulatedRequest request) {
			return (this.model == null || this.model.equals(request.model()))
					&& (this.thinking == null || this.thinking == request.thinking())
					&& (this.route == null || this.route == request.route())
					&& (this.contains == null || request.anyContentContains(this.contains));
		}

	}

	/**
	 * How to answer. With an error ({@code code} set, or an {@code httpStatus} other than
	 * 200) the simulator sends the error body of the route; a missing status is derived
	 * from the code (1113, 1302-1305, 1308 and 1310-1321 → 429; 1001-1004 → 401; 500 →
	 * 500; others → 400) and a missing code from the status; {@code httpStatus} 200 with
	 * a code sends the error body with status 200, as overload errors reportedly
	 * sometimes arrive. Otherwise it answers normally, replacing the generated content,
	 * reasoning or finish reason by those given; an explicit finish reason also turns off
	 * the {@code max_tokens} cut.
	 *
	 * @param content the answer text
	 * @param reasoning the reasoning text, sent only when thinking is enabled
	 * @param finishReason the finish reason, e.g. {@code length}, {@code sensitive},
	 * {@code network_error}
	 * @param httpStatus the HTTP status
	 * @param code the business error code
	 * @param latency time to first token, replacing the drawn one; errors without it are
	 * sent at once
	 * @param dropConnection close the connection without any response
	 * @param slowDrip trickle the response bytes
	 * @param malformedSse put one unparsable {@code data:} line in the middle of a stream
	 * (streaming requests only)
	 * @param retryAfter value of a {@code Retry-After} header
	 * @param toolCall how a request offering a function is answered, or {@code null} for
	 * a call with string arguments; ignored when {@code content} is given
	 */
	public record Response(@Nullable String content, @Nullable String reasoning, @Nullable String finishReason,
			@Nullable Integer httpStatus, @Nullable String code, @Nullable Duration latency, boolean dropConnection,
			@Nullable SlowDrip slowDrip, boolean malformedSse, @Nullable String retryAfter,
			@Nullable ToolCallStyle toolCall) {

		public Response {
			if (httpStatus != null && (httpStatus < 200 || httpStatus > 599)) {
				throw new IllegalArgumentException("httpStatus must be within 200..599, was " + httpStatus);
			}
			if (code != null && code.isBlank()) {
				throw new IllegalArgumentException("code must not be blank");
			}
			if (latency != null && latency.isNegative()) {
				throw new IllegalArgumentException("latency must not be negative, was " + latency);
			}
		}

		public Response(@Nullable String content, @Nullable String reasoning, @Nullable String finishReason,
				@Nullable Integer httpStatus, @Nullable String code, @Nullable Duration latency, boolean dropConnection,
				@Nullable SlowDrip slowDrip, boolean malformedSse, @Nullable String retryAfter) {
			this(content, reasoning, finishReason, httpStatus, code, latency, dropConnection, slowDrip, malformedSse,
					retryAfter, null);
		}

		/**
		 * A normal generated answer; combine with {@code with...} to change one aspect.
		 */
		public static Response normal() {
			return new Response(null, null, null, null, null, null, false, null, false, null);
		}

		public static Response content(String content) {
			return normal().withContent(content);
		}

		public static Response error(int httpStatus, String code) {
			return normal().withHttpStatus(httpStatus).withCode(code);
		}

		/** An error whose HTTP status is derived from the business code. */
		public static Response error(String code) {
			return normal().withCode(code);
		}

		public static Response drop() {
			return normal().withDropConnection(true);
		}

		public Response withContent(@Nullable String content) {
			return new Response(content, this.reasoning, this.finishReason, this.httpStatus, this.code, this.latency,
					this.dropConnection, this.slowDrip, this.malformedSse, this.retryAfter, this.toolCall);
		}

		public Response withReasoning(@Nullable String reasoning) {
			return new Response(this.content, reasoning, this.finishReason, this.httpStatus, this.code, this.latency,
					this.dropConnection, this.slowDrip, this.malformedSse, this.retryAfter, this.toolCall);
		}

		public Response withFinishReason(@Nullable String finishReason) {
			return new Response(this.content, this.reasoning, finishReason, this.httpStatus, this.code, this.latency,
					this.dropConnection, this.slowDrip, this.malformedSse, this.retryAfter, this.toolCall);
		}

		public Response withHttpStatus(@Nullable Integer httpStatus) {
			return new Response(this.content, this.reasoning, this.finishReason, httpStatus, this.code, this.latency,
					this.dropConnection, this.slowDrip, this.malformedSse, this.retryAfter, this.toolCall);
		}

		public Response withCode(@Nullable String code) {
			return new Response(this.content, this.reasoning, this.finishReason, this.httpStatus, code, this.latency,
					this.dropConnection, this.slowDrip, this.malformedSse, this.retryAfter, this.toolCall);
		}

		public Response withLatency(@Nullable Duration latency) {
			return new Response(this.content, this.reasoning, this.finishReason, this.httpStatus, this.code, latency,
					this.dropConnection, this.slowDrip, this.malformedSse, this.retryAfter, this.toolCall);
		}

		public Response withDropConnection(boolean dropConnection) {
			return new Response(this.content, this.reasoning, this.finishReason, this.httpStatus, this.code,
					this.latency, dropConnection, this.slowDrip, this.malformedSse, this.retryAfter, this.toolCall);
		}

		public Response withSlowDrip(@Nullable SlowDrip slowDrip) {
			return new Response(this.content, this.reasoning, this.finishReason, this.httpStatus, this.code,
					this.latency, this.dropConnection, slowDrip, this.malformedSse, this.retryAfter, this.toolCall);
		}

		public Response withMalformedSse(boolean malformedSse) {
			return new Response(this.content, this.reasoning, this.finishReason, this.httpStatus, this.code,
					this.latency, this.dropConnection, this.slowDrip, malformedSse, this.retryAfter, this.toolCall);
		}

		public Response withRetryAfter(@Nullable String retryAfter) {
			return new Response(this.content, this.reasoning, this.finishReason, this.httpStatus, this.code,
					this.latency, this.dropConnection, this.slowDrip, this.malformedSse, retryAfter, this.toolCall);
		}

		public Response withToolCall(@Nullable ToolCallStyle toolCall) {
			return new Response(this.content, this.reasoning, this.finishReason, this.httpStatus, this.code,
					this.latency, this.dropConnection, this.slowDrip, this.malformedSse, this.retryAfter, toolCall);
		}

		boolean isError() {
			return this.code != null || (this.httpStatus != null && this.httpStatus != 200);
		}

		int errorStatus() {
			if (this.httpStatus != null) {
				return this.httpStatus;
			}
			return (this.code != null) ? ErrorCatalog.httpStatusOf(this.code) : 200;
		}

		String errorCode() {
			return (this.code != null) ? this.code : String.valueOf(this.httpStatus);
		}

	}

	/** How the simulated model answers a request that offers a function. */
	public enum ToolCallStyle {

		/**
		 * A call whose {@code arguments} is a JSON string, as GLM sends them: the
		 * default.
		 */
		STRING,

		/**
		 * A call whose {@code arguments} is the JSON object itself, as the API reference
		 * describes them.
		 */
		OBJECT,

		/**
		 * No call: the arguments object as JSON text in {@code content}, finish reason
		 * {@code stop}.
		 */
		CONTENT,

		/**
		 * A call whose arguments parse but break the schema: required properties left
		 * out, one of the wrong type.
		 */
		INVALID

	}

	/**
	 * Trickles a response: {@code bytes} at a time with {@code pause} after each piece.
	 *
	 * @param bytes bytes per piece
	 * @param pause pause after each piece
	 */
	public record SlowDrip(int bytes, Duration pause) {

		public SlowDrip {
			Objects.requireNonNull(pause, "pause");
			if (bytes < 1) {
				throw new IllegalArgumentException("slow-drip bytes must be >= 1, was " + bytes);
			}
			if (pause.isNegative()) {
				throw new IllegalArgumentException("slow-drip pause must not be negative, was " + pause);
			}
		}

	}

}
