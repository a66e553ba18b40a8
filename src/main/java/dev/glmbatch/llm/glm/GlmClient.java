package dev.glmbatch.llm.glm;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.FatalLlmException;
import dev.glmbatch.llm.FinishReason;
import dev.glmbatch.llm.ItemLlmException;
import dev.glmbatch.llm.LlmClient;
import dev.glmbatch.llm.LlmProbe;
import dev.glmbatch.llm.LlmException;
import dev.glmbatch.llm.LlmTraffic;
import dev.glmbatch.llm.ModelCatalog;
import dev.glmbatch.llm.ModelSpec;
import dev.glmbatch.llm.ModelTable;
import dev.glmbatch.llm.SharedInFlightLimit;
import dev.glmbatch.llm.Thinking;
import dev.glmbatch.llm.ToolCall;
import dev.glmbatch.llm.ThinkingControl;
import dev.glmbatch.llm.ThinkingControlMemory;
import dev.glmbatch.llm.TrafficSnapshot;
import dev.glmbatch.llm.TransientLlmException;

/**
 * {@link LlmClient} for Z.AI GLM chat completions, or a self-hosted OpenAI-compatible GLM
 * server, on the JDK's {@link HttpClient}. Thread-safe: share one instance.
 *
 * <p>
 * This is the only retry layer. Each attempt gets a new {@code request_id} and its own
 * deadline ({@code glm.call-timeout}), except that an attempt which got no answer in time
 * is sent once more under the same id (a server still working on it then answers 1231
 * instead of billing it twice), and a second such timeout ends the call. Other transient
 * faults are retried up to {@code glm.max-attempts} with capped exponential backoff and
 * full jitter, never less than a server's {@code Retry-After}; a {@code Retry-After}
 * above {@code glm.max-retry-after} fails the call at once. Classification is
 * {@link GlmFaultClassifier}'s. Before every attempt the call takes a slot from the
 * {@link ConcurrencyGovernor}, which adapts the in-flight limit of each model to the 429s
 * it sees; {@link #traffic} shows it. A 1305 (overload) pauses every thread, but one call
 * can cause at most {@value #MAX_SHARED_PAUSES} such pauses: further 1305s of that call
 * (some endpoints answer 1305 to certain prompts) are its own transient failures, retried
 * after its own backoff while the other calls go on.
 *
 * <p>
 * Thinking is sent in the form the model table gives for the model
 * ({@link ChatRequestEncoder}). The table can be stale: when a model refuses that form
 * (HTTP 400, code 1210 or 1214, a message naming {@code thinking} or
 * {@code reasoning_effort}), the client switches the model to the other form (toggle to
 * effort, effort to toggle, and to sending nothing when both were refused), logs it once,
 * and sends the call again; every call after that uses the learned form. A thread pays at
 * most one refused call per form learned.
 *
 * <p>
 * Exceptions: {@link LlmException#code()} is the GLM business code (e.g. {@code 1301}),
 * an OpenAI-style error code from a self-hosted server, or, when the fault was signalled
 * by {@code finish_reason}, that value ({@code sensitive}, {@code length},
 * {@code model_context_window_exceeded}, {@code network_error}). The API key never
 * appears in a message, a log line or {@link #toString()}; prompts are never logged.
 */
public final class GlmClient implements LlmClient, LlmTraffic, LlmProbe, ThinkingControlMemory, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GlmClient.class);

	/**
	 * Any valid model id: the probe is refused for its empty messages, whatever the
	 * model.
	 */
	private static final String PROBE_MODEL = "glm-4.5-air";

	/** How many pauses of every thread one call's overload answers may cause. */
	static final int MAX_SHARED_PAUSES = 2;

	private final GlmProperties properties;

	private final GlmExchange exchange;

	private final GlmFaultClassifier classifier;

	private final RetryBackoff backoff;

	private final ModelTable models;

	/**
	 * Thinking controls learned from refusals (or assumed from a run's record), by
	 * lower-case model id.
	 */
	private final Map<String, ThinkingControl> learnedControls = new ConcurrentHashMap<>();

	/** The controls each model refused, by lower-case model id. */
	private final Map<String, Set<ThinkingControl>> refusedControls = new ConcurrentHashMap<>();

	private final Sleeper sleeper;

	private final ScheduledThreadPoolExecutor deadlines;

	private final ConcurrencyGovernor governor;

	GlmClient(GlmProperties properties, Sleeper sleeper, Random random, Clock clock) {
		this(properties, sleeper, random, clock, null);
	}

	GlmClient(GlmProperties properties, Sleeper sleeper, Random random, Clock clock,
			@Nullable SharedInFlightLimit sharedLimit) {
		this.properties = Objects.requireNonNull(properties, "properties");
		this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
		this.classifier = new GlmFaultClassifier();
		this.backoff = new RetryBackoff(properties.initialBackoff(), properties.maxBackoff(), random);
		this.models = properties.modelTable();
		this.governor = new ConcurrencyGovernor(this::ceilingOf, sleeper, System::nanoTime, sharedLimit);
		this.deadlines = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "glm-call-deadline");
			thread.setDaemon(true);
			return thread;
		});
		// one timer per attempt, nearly all cancelled early: do not keep them queued
		// until they would have fired
		this.deadlines.setRemoveOnCancelPolicy(true);
		JsonMapper mapper = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		this.exchange = new GlmExchange(httpClient(properties), mapper, properties, deadlines, classifier, clock);
	}

	/**
	 * A client for these settings, usable without Spring. Close it to stop its timer
	 * thread.
	 */
	public static GlmClient create(GlmProperties properties) {
		return create(properties, null);
	}

	/**
	 * A client for these settings whose in-flight limit is shared with other processes.
	 * Close it to stop its timer thread.
	 * @param sharedLimit the account's shared limit, or {@code null} when this process is
	 * alone
	 */
	public static GlmClient create(GlmProperties properties, @Nullable SharedInFlightLimit sharedLimit) {
		return new GlmClient(properties, Sleeper.SYSTEM, new Random(), Clock.systemUTC(), sharedLimit);
	}

	private static HttpClient httpClient(GlmProperties properties) {
		// plain http is a self-hosted server or the simulator: skip the h2c upgrade dance
		// that some servers mishandle
		boolean plain = "http".equalsIgnoreCase(properties.baseUrl().getScheme());
		return HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			.version(plain ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * The model table this client prices and sends by: the shipped one with the
	 * configuration's changes.
	 */
	public ModelCatalog models() {
		return models;
	}

	private int ceilingOf(String model) {
		Integer configured = properties.maxInFlightOf(model);
		return (configured != null) ? configured : models.spec(model).maxInFlight();
	}

	/**
	 * The thinking control the client uses for a model: learned, or the model table's.
	 */
	ThinkingControl thinkingControlOf(String model) {
		ThinkingControl learned = learnedControls.get(normalise(model));
		return (learned != null) ? learned : models.spec(model).thinking();
	}

	@Override
	public Map<String, ThinkingControl> learnedThinkingControls() {
		return Map.copyOf(learnedControls);
	}

	@Override
	public void assumeThinkingControl(String model, ThinkingControl control) {
		learnedControls.put(normalise(model), control);
	}

	@Override
	public ChatAnswer complete(ChatRequest request) {
		Objects.requireNonNull(request, "request");
		int maxAttempts = properties.maxAttempts();
		long seenPause = -1;
		int sharedPauses = 0;
		String unansweredId = null;
		int learned = 0;
		for (int attempt = 1;; attempt++) {
			// after a timeout the same id goes again: a server still working on it
			// answers 1231, not a second bill
			String requestId = (unansweredId != null) ? unansweredId : RequestIds.next(request.tag(), attempt);
			InFlightPermit permit = acquire(request, requestId, attempt, seenPause, unansweredId != null);
			seenPause = permit.pauseEpoch();
			ThinkingControl control = thinkingControlOf(request.model());
			GlmFault fault;
			boolean pausedAll = false;
			try {
				Completion completion = exchange
					.send(ChatRequestEncoder.encode(request, properties.dialect(), control, requestId), requestId);
				permit.succeeded();
				return answer(request, completion, requestId, attempt);
			}
			catch (GlmFault failed) {
				fault = failed;
				pausedAll = InFlightPermit.isOverload(failed.code()) && sharedPauses < MAX_SHARED_PAUSES;
				if (pausedAll) {
					sharedPauses++;
				}
				permit.failed(failed.code(), faultKey(failed), pausedAll ? overloadPause(failed, attempt) : null);
				seenPause = permit.pauseEpoch();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				// the request may be out and billed
				throw new TransientLlmException("GLM call interrupted", null, 0, requestId, attempt, ex, true);
			}
			finally {
				permit.release();
			}
			if (learned < ThinkingControl.values().length && learnFromRefusal(request, control, fault)) {
				// the model refused the form of the thinking setting, not the row: send
				// again in the learned form, under
				// a new request id, without using up an attempt of the retry budget
				learned++;
				continue;
			}
			if (fault.isUnanswered()) {
				if (unansweredId != null) {
					throw new TransientLlmException("GLM call " + tagOf(request) + " got no answer twice ("
							+ redact(fault.getMessage()) + ", request id " + requestId + "); it is not sent a third"
							+ " time, since an unanswered request may still be billed. Raise glm.call-timeout if"
							+ " answers take this long, then resume", null, fault.httpStatus(), requestId, attempt,
							fault.getCause(), true);
				}
				unansweredId = requestId;
				log.warn("GLM call {} got no answer in time (request id {}); the server may still answer and bill it,"
						+ " so it is sent once more under the same request id", tagOf(request), requestId);
			}
			else if (unansweredId != null && "1231".equals(fault.code())) {
				// our own resend after the timeout: the server still holds the first
				// copy, which it bills
				throw new ItemLlmException("GLM call " + tagOf(request) + " got no answer within glm.call-timeout, and"
						+ " GLM still holds that request (1231 for request id " + requestId + "), so it was not sent"
						+ " again under a new id; its answer is lost to this run. Raise glm.call-timeout if answers"
						+ " take this long", fault.code(), fault.httpStatus(), requestId, attempt, fault.getCause());
			}
			// an id once unanswered stays the id of this call: a new one could be billed
			// beside it
			boolean unanswered = unansweredId != null;
			Duration wait = retryOrThrow(request, fault, requestId, attempt - learned, maxAttempts, pausedAll,
					unanswered);
			pause(wait, fault, requestId, attempt, unanswered);
		}
	}

	/**
	 * Whether the fault is the model refusing the thinking control that was sent; if so,
	 * the model's control is now one it has not refused (another thread may have learned
	 * it first).
	 */
	private boolean learnFromRefusal(ChatRequest request, ThinkingControl sent, GlmFault fault) {
		if (properties.dialect() != GlmDialect.ZAI || fault.httpStatus() != 400
				|| !("1210".equals(fault.code()) || "1214".equals(fault.code())) || fault.getMessage() == null) {
			return false;
		}
		String message = fault.getMessage().toLowerCase(Locale.ROOT);
		boolean refused = switch (sent) {
			case TOGGLE -> message.contains("thinking");
			case EFFORT -> message.contains("reasoning_effort");
			case ALWAYS -> false;
		};
		if (!refused) {
			return false;
		}
		String model = normalise(request.model());
		Set<ThinkingControl> refusedByModel = refusedControls.computeIfAbsent(model,
				key -> ConcurrentHashMap.newKeySet());
		refusedByModel.add(sent);
		boolean[] changed = { false };
		ThinkingControl now = learnedControls.compute(model, (key, current) -> {
			if (current != null && current != sent) {
				return current;
			}
			changed[0] = true;
			return next(sent, refusedByModel);
		});
		if (changed[0]) {
			ModelSpec spec = models.spec(model);
			log.warn(
					"GLM model {} refused the thinking setting as {} ({}: {}); using {} for it from now on. Set "
							+ "glm.models[{}].thinking={} to start with it",
					request.model(), sent.key(), fault.code(), redact(fault.getMessage()), now.key(),
					spec.listed() ? spec.id() : model, now.key());
		}
		return true;
	}

	/**
	 * The control to try after {@code refused}: the other form, or nothing once both were
	 * refused.
	 */
	private static ThinkingControl next(ThinkingControl refused, Set<ThinkingControl> refusedByModel) {
		Set<ThinkingControl> candidates = EnumSet.of(ThinkingControl.EFFORT, ThinkingControl.TOGGLE);
		candidates.remove(refused);
		candidates.removeAll(refusedByModel);
		return candidates.isEmpty() ? ThinkingControl.ALWAYS : candidates.iterator().next();
	}

	private static String normalise(String model) {
		return model.strip().toLowerCase(Locale.ROOT);
	}

	private InFlightPermit acquire(ChatRequest request, String requestId, int attempt, long seenPause,
			boolean unanswered) {
		try {
			return governor.acquire(request.model(), seenPause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientLlmException("GLM call interrupted while waiting for a free slot", null, 0, requestId,
					attempt, ex, unanswered);
		}
	}

	/**
	 * The global pause after an overload answer: the server's Retry-After, at least the
	 * backoff ceiling.
	 */
	private Duration overloadPause(GlmFault fault, int attempt) {
		Duration ceiling = backoff.ceiling(attempt);
		return (fault.retryAfter() != null) ? max(fault.retryAfter(), ceiling) : ceiling;
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private static String faultKey(GlmFault fault) {
		if (fault.code() != null) {
			return fault.code();
		}
		return (fault.httpStatus() > 0) ? "http " + fault.httpStatus() : "no response";
	}

	/** The adaptive limit, slots in use and 429 counts of a model. */
	@Override
	public TrafficSnapshot traffic(String model) {
		return governor.traffic(model);
	}

	/**
	 * Sets a model's in-flight ceiling from now on (a job file's {@code max-in-flight}).
	 */
	@Override
	public void setInFlightCeiling(String model, int ceiling) {
		governor.setInFlightCeiling(model, ceiling);
	}

	/**
	 * The answer of a completion to {@code request}, priced at the list price; shared
	 * with the batch client.
	 */
	ChatAnswer answer(ChatRequest request, Completion completion, String requestId, int attempt) {
		FinishReason finishReason = FinishReason.fromWire(completion.finishReason());
		// with thinking off, or on SGLang, reasoning next to an empty answer is the
		// answer filed in the wrong field
		boolean reasoningMayHoldAnswer = finishReason == FinishReason.STOP
				&& (request.thinking() == Thinking.DISABLED || properties.dialect() == GlmDialect.OPENAI_COMPATIBLE);
		AnswerText text = AnswerText.clean(completion.content(), completion.reasoning(), request.jsonMode(),
				reasoningMayHoldAnswer);
		GlmFault unusable = classifier.unusableAnswer(finishReason, completion.finishReason(),
				text.content().isEmpty());
		if (unusable != null) {
			throw unusable;
		}
		String model = (completion.model() != null) ? completion.model() : request.model();
		String responseId = (completion.id() != null) ? completion.id() : requestId;
		ModelSpec spec = models.spec(request.model());
		return new ChatAnswer(text.content(), text.reasoning(), finishReason, completion.usage(),
				spec.costOf(completion.usage()).orElse(java.math.BigDecimal.ZERO), model, responseId, attempt,
				completion.toolCalls()
					.stream()
					.map(call -> new ToolCall(call.id(), AnswerText.storable(call.name()),
							AnswerText.storable(call.arguments())))
					.toList(),
				spec.priced());
	}

	/**
	 * Throws the port's exception when the fault ends the call, otherwise returns the
	 * wait before the next try.
	 */
	private Duration retryOrThrow(ChatRequest request, GlmFault fault, String requestId, int attempt, int maxAttempts,
			boolean pausedAll, boolean unanswered) {
		String message = redact(fault.getMessage());
		switch (fault.kind()) {
			case ITEM -> throw new ItemLlmException("GLM refused this request: " + message, fault.code(),
					fault.httpStatus(), requestId, attempt, fault.getCause());
			case FATAL -> {
				if (GlmFaultClassifier.isQuotaStop(fault.code(), fault.httpStatus())) {
					throw new FatalLlmException(
							"GLM usage quota reached; calls succeed again after its reset: " + message, fault.code(),
							fault.httpStatus(), requestId, attempt, fault.getCause(), true);
				}
				throw new FatalLlmException("GLM call failed; no request can succeed until this is fixed: " + message,
						fault.code(), fault.httpStatus(), requestId, attempt, fault.getCause());
			}
			case TRANSIENT -> {
				int limit = classifier.attemptLimit(fault.code(), maxAttempts);
				if (attempt >= limit) {
					throw new TransientLlmException("GLM call failed after " + attempt + " attempts: " + message,
							fault.code(), fault.httpStatus(), requestId, attempt, fault.getCause(), unanswered);
				}
				Duration retryAfter = fault.retryAfter();
				if (retryAfter != null && retryAfter.compareTo(properties.maxRetryAfter()) > 0) {
					throw new TransientLlmException(
							"GLM asked to wait " + retryAfter.toSeconds()
									+ " s before retrying, more than glm.max-retry-after "
									+ properties.maxRetryAfter().toSeconds() + " s: " + message,
							fault.code(), fault.httpStatus(), requestId, attempt, fault.getCause(), unanswered);
				}
				Duration wait = backoff.delayBefore(attempt, retryAfter);
				if (pausedAll) {
					// the caller sits out the whole pause it imposed on everyone, not a
					// shorter jittered wait
					wait = max(wait, overloadPause(fault, attempt));
				}
				log.warn("GLM call {} attempt {}/{} failed (code {}, HTTP {}, request id {}): {}; retrying in {} ms",
						tagOf(request), attempt, limit, fault.code(), fault.httpStatus(), requestId, message,
						wait.toMillis());
				return wait;
			}
			default -> throw new IllegalStateException("unhandled fault kind " + fault.kind());
		}
	}

	private void pause(Duration wait, GlmFault fault, String requestId, int attempt, boolean unanswered) {
		try {
			sleeper.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TransientLlmException(
					"GLM call interrupted while waiting to retry: " + redact(fault.getMessage()), fault.code(),
					fault.httpStatus(), requestId, attempt, ex, unanswered);
		}
	}

	/**
	 * Server messages are echoed into exceptions; a proxy could echo the key, so mask it
	 * defensively.
	 */
	private String redact(@Nullable String text) {
		if (text == null) {
			return "";
		}
		String key = properties.apiKey();
		return (key.length() >= 4) ? text.replace(key, "******") : text;
	}

	private static String tagOf(ChatRequest request) {
		return (request.tag() != null) ? RequestIds.sanitiseTag(request.tag()) : "-";
	}

	/** A free request to the endpoint: see {@link GlmExchange#probe(String)}. */
	@Override
	public Reachability probe() {
		try {
			return exchange.probe(PROBE_MODEL);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Reachability(false, false, "interrupted");
		}
	}

	/**
	 * Stops the deadline timer thread. Calls in flight may then overrun their deadline.
	 */
	@Override
	public void close() {
		deadlines.shutdownNow();
		try {
			deadlines.awaitTermination(1, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return "GlmClient[endpoint=" + properties.chatCompletionsUri() + ", dialect="
				+ properties.dialect().name().toLowerCase(Locale.ROOT) + ", maxAttempts=" + properties.maxAttempts()
				+ "]";
	}

}
