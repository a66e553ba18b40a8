package dev.glmbatch.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A loopback HTTP server that speaks the GLM chat-completions protocol, for tests,
 * benchmarks and offline demos.
 *
 * <p>
 * Routes: {@code POST /api/paas/v4/chat/completions} (also under
 * {@code /api/coding/paas/v4}) in the Z.AI shape, {@code POST /v1/chat/completions} in
 * the OpenAI-compatible (vLLM) shape, {@code GET /_simulator/stats} (the
 * {@link SimulatorStats} as JSON) and {@code POST /_simulator/reset} (same as
 * {@link #reset()}), and the Batch API's files and batches routes under the Z.AI paths
 * ({@link BatchEndpoints}); anything else is 404. Answers are deterministic per request
 * body; latency, in-flight limits, faults and scripted {@link SimulatorRule}s follow the
 * {@link SimulatorOptions}.
 *
 * <p>
 * Thread-safe. Requests run on a pool of up to {@value #MAX_THREADS} threads, so slow
 * simulated answers do not hold up others. The server prints nothing; each request is
 * logged at DEBUG.
 */
public final class GlmSimulator implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(GlmSimulator.class);

	static final int MAX_THREADS = 1024;

	private static final int BACKLOG = 1024;

	private static final Set<String> ZAI_PATHS = Set.of("/api/paas/v4/chat/completions",
			"/api/coding/paas/v4/chat/completions");

	private static final String OPENAI_PATH = "/v1/chat/completions";

	private static final String STATS_PATH = "/_simulator/stats";

	private static final String RESET_PATH = "/_simulator/reset";

	private static final String NO_DELAY_PROPERTY = "sun.net.httpserver.nodelay";

	static {
		// The JDK server writes headers and body as separate segments; with Nagle's
		// algorithm on, the body waits for
		// the client's delayed ACK (about 40 ms), capping a keep-alive connection near 25
		// requests/s. The property is
		// the server's only socket-option knob and is read once, when the first server is
		// created.
		if (System.getProperty(NO_DELAY_PROPERTY) == null) {
			System.setProperty(NO_DELAY_PROPERTY, "true");
		}
	}

	private final HttpServer server;

	private final ExecutorService threads;

	private final WireFormat wire;

	private final StatsRecorder stats = new StatsRecorder();

	private final PrefixCache prefixCache = new PrefixCache();

	private final RequestIds requestIds = new RequestIds();

	private final RuleBook rules;

	private final ChatCompletionsEndpoint chat;

	private final BatchEndpoints batches;

	private GlmSimulator(SimulatorOptions options, List<SimulatorRule> fileRules, List<BatchRule> fileBatchRules)
			throws IOException {
		JsonMapper mapper = JsonMapper.builder().build();
		Clock clock = Clock.systemUTC();
		// one seeded source for latency and faults, so a seed replays the same run
		Random random = new Random(options.seed());
		this.wire = new WireFormat(mapper, clock);
		this.rules = new RuleBook(fileRules);
		ApiKeyCheck keys = new ApiKeyCheck(options.apiKeys(), mapper, clock);
		FaultInjector faults = new FaultInjector(options.faults(), random);
		AnswerComposer composer = new AnswerComposer(mapper);
		this.chat = new ChatCompletionsEndpoint(keys, new RequestReader(mapper),
				new InFlightLimits(options.maxInFlight()), this.rules, faults,
				new LatencyModel(options.latencyMedian(), options.latencySigma(), options.tokensPerSecond(), random),
				composer, this.prefixCache, this.stats, this.wire, this.requestIds);
		this.batches = new BatchEndpoints(mapper, clock, keys, new RequestReader(mapper), this.rules, faults, composer,
				this.stats, this.wire, options.seed(), fileBatchRules);
		InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] { 127, 0, 0, 1 });
		this.server = HttpServer.create(new InetSocketAddress(loopback, options.port()), BACKLOG);
		this.threads = RequestThreads.create(MAX_THREADS, "glm-simulator-");
		this.server.setExecutor(this.threads);
		this.server.createContext("/", this::route);
	}

	/**
	 * Starts a simulator; it serves until {@link #close()}.
	 * @param options how it behaves; port 0 picks a free port
	 * @return the running simulator
	 * @throws UncheckedIOException when the port cannot be bound or the rules file cannot
	 * be read
	 * @throws IllegalArgumentException when the rules file is invalid
	 */
	/**
	 * What the simulator answers to a task's prompts, for a banner: simulated answers are
	 * plausible in shape and recognisably not GLM's.
	 * @param task {@code translate}, {@code classify}, {@code summarise} (or
	 * {@code summarize}) or {@code generate}; anything else describes every task
	 */
	public static String describeAnswers(String task) {
		return switch (task) {
			case "translate" -> "translations are the source text tagged with the language, e.g. [French] Smart Hub";
			case "classify" -> "labels are chosen from the job's list by keywords of the row, the label names and "
					+ "their descriptions; a row matching none gets a label outside the list without thinking";
			case "summarise", "summarize" -> "summaries are the text's first sentences, within the length asked";
			case "generate" -> "generated answers are JSON values of the schema's types, or a line naming the row";
			case "extract" -> "extracted fields are function calls with values found in the row's text (amounts, "
					+ "currencies, dates, names), made up where the text has none";
			default -> "translations are the source text tagged with the language ([French] ...), labels are "
					+ "chosen by keywords, summaries are the first sentences, generated JSON fits the schema, "
					+ "extracted fields come as function calls";
		};
	}

	public static GlmSimulator start(SimulatorOptions options) {
		List<SimulatorRule> fileRules = (options.rulesFile() != null) ? SimulatorRulesFile.read(options.rulesFile())
				: List.of();
		List<BatchRule> fileBatchRules = (options.rulesFile() != null)
				? SimulatorRulesFile.readBatchRules(options.rulesFile()) : List.of();
		try {
			GlmSimulator simulator = new GlmSimulator(options, fileRules, fileBatchRules);
			simulator.server.start();
			log.debug("GLM simulator listening on {} with {}", simulator.baseUrl(), options);
			return simulator;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the GLM simulator on port " + options.port(), ex);
		}
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** {@code http://127.0.0.1:PORT}, without a path. */
	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + port());
	}

	/** The Z.AI base URL, {@code http://127.0.0.1:PORT/api/paas/v4}. */
	public URI zaiBaseUrl() {
		return URI.create(baseUrl() + "/api/paas/v4");
	}

	/** The OpenAI-compatible base URL, {@code http://127.0.0.1:PORT/v1}. */
	public URI openAiBaseUrl() {
		return URI.create(baseUrl() + "/v1");
	}

	public SimulatorStats stats() {
		return this.stats.snapshot();
	}

	/** What the files and batches routes have seen. */
	public BatchStats batchStats() {
		return this.batches.stats();
	}

	/**
	 * Forgets what happened so far: clears the stats, the memory of answered bodies (for
	 * repaid calls), the rule use counts, the prefix cache and the request ids seen.
	 * Rules themselves stay.
	 */
	public void reset() {
		this.stats.reset();
		this.rules.resetUses();
		this.prefixCache.clear();
		this.requestIds.clear();
		this.batches.reset();
	}

	/**
	 * Adds a rule, checked after earlier added rules and before those of the rules file.
	 */
	public void addRule(SimulatorRule rule) {
		this.rules.add(rule);
	}

	/** Removes the rules added with {@link #addRule}; rules from the rules file stay. */
	public void clearRules() {
		this.rules.clearAdded();
	}

	/**
	 * Adds a batch rule, checked after earlier added ones and before the rules file's
	 * {@code batches}.
	 */
	public void addBatchRule(BatchRule rule) {
		this.batches.addRule(rule);
	}

	/** Removes the batch rules added with {@link #addBatchRule}. */
	public void clearBatchRules() {
		this.batches.clearRules();
	}

	/** Stops serving at once; requests in progress are cut off. */
	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
		this.batches.close();
	}

	private void route(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String method = exchange.getRequestMethod();
		if (BatchEndpoints.handles(path)) {
			this.batches.handle(exchange);
		}
		else if (method.equals("POST") && ZAI_PATHS.contains(path)) {
			this.chat.handle(exchange, SimulatorRule.Route.ZAI);
		}
		else if (method.equals("POST") && path.equals(OPENAI_PATH)) {
			this.chat.handle(exchange, SimulatorRule.Route.OPENAI);
		}
		else if (method.equals("GET") && path.equals(STATS_PATH)) {
			reply(exchange, 200, stats().toJson().getBytes(StandardCharsets.UTF_8));
		}
		else if (method.equals("POST") && path.equals(RESET_PATH)) {
			reset();
			reply(exchange, 200, "{\"reset\":true}".getBytes(StandardCharsets.UTF_8));
		}
		else {
			String message = "[simulator] No route for " + method + " " + path;
			reply(exchange, 404, this.wire.error(SimulatorRule.Route.ZAI, 404, "404", message));
		}
	}

	private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().set("Content-Type", WireFormat.JSON_CONTENT_TYPE);
			exchange.sendResponseHeaders(status, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

}
