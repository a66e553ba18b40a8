package dev.glmbatch.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import dev.glmbatch.simulator.BatchInputCheck.Line;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Batch API: {@code POST files} (multipart, {@code purpose=batch}), {@code GET
 * files/{id}}, {@code GET files/{id}/content}, {@code DELETE files/{id}},
 * {@code POST batches}, {@code GET batches/{id}} and {@code POST batches/{id}/cancel},
 * under the Z.AI base paths.
 *
 * <p>
 * A batch runs on a background thread: {@code validating} (each line checked as the chat
 * route checks a request, plus {@code custom_id}, {@code method}, {@code url}, one model
 * per file and at most {@value BatchInputCheck#MAX_LINES} lines), then
 * {@code in_progress} a slice of lines at a time, then {@code finalizing}, then
 * {@code completed}. Each line is answered as a chat request would be, rules and faults
 * included: a line whose rule or fault is an error goes to the error file with that
 * status. The output file has the documented quirks: lines in shuffled order, a leading
 * space on the first line and blank lines between some. {@link BatchRule}s script a batch
 * that fails validation, expires, is slow, or an endpoint without the Batch API.
 * Thread-safe.
 */
final class BatchEndpoints implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(BatchEndpoints.class);

	static final long MAX_FILE_BYTES = 100L * 1024 * 1024;

	private static final Pattern ROUTE = Pattern
		.compile("/api(?:/coding)?/paas/v4/(files|batches)(?:/([^/]+))?(?:/(content|cancel))?");

	private static final int WORKERS = 4;

	private static final long VALIDATING_MILLIS = 100;

	private static final long FINALIZING_MILLIS = 50;

	private static final int SLICE_LINES = 50;

	private static final long SLICE_MILLIS = 20;

	private final ObjectMapper mapper;

	private final Clock clock;

	private final ApiKeyCheck keys;

	private final BatchInputCheck inputCheck;

	private final RuleBook rules;

	private final FaultInjector faults;

	private final AnswerComposer composer;

	private final StatsRecorder stats;

	private final WireFormat wire;

	private final Random shuffle;

	private final Map<String, StoredFile> files = new ConcurrentHashMap<>();

	private final Map<String, SimulatedBatch> batches = new ConcurrentHashMap<>();

	private final List<LimitedRule<BatchRule>> added = new CopyOnWriteArrayList<>();

	private final List<LimitedRule<BatchRule>> fromFile;

	private final Set<String> submittedIds = ConcurrentHashMap.newKeySet();

	private final AtomicInteger sequence = new AtomicInteger();

	private final AtomicLong filesUploaded = new AtomicLong();

	private final AtomicLong batchesCreated = new AtomicLong();

	private final AtomicLong linesSubmitted = new AtomicLong();

	private final AtomicLong resubmittedLines = new AtomicLong();

	private final AtomicLong linesAnswered = new AtomicLong();

	private final AtomicLong linesFailed = new AtomicLong();

	private final ScheduledExecutorService worker;

	BatchEndpoints(ObjectMapper mapper, Clock clock, ApiKeyCheck keys, RequestReader reader, RuleBook rules,
			FaultInjector faults, AnswerComposer composer, StatsRecorder stats, WireFormat wire, long seed,
			List<BatchRule> fileRules) {
		this.mapper = mapper;
		this.clock = clock;
		this.keys = keys;
		this.inputCheck = new BatchInputCheck(mapper, reader);
		this.rules = rules;
		this.faults = faults;
		this.composer = composer;
		this.stats = stats;
		this.wire = wire;
		this.shuffle = new Random(seed);
		this.fromFile = fileRules.stream().map(BatchEndpoints::limited).toList();
		// a few threads, so that a slow batch does not hold up the others
		this.worker = new ScheduledThreadPoolExecutor(WORKERS, (task) -> {
			Thread thread = new Thread(task, "glm-simulator-batches");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Whether the path is one of the files or batches routes. */
	static boolean handles(String path) {
		return ROUTE.matcher(path).matches();
	}

	void addRule(BatchRule rule) {
		this.added.add(limited(rule));
	}

	void clearRules() {
		this.added.clear();
	}

	BatchStats stats() {
		return new BatchStats(this.filesUploaded.get(), this.files.size(), this.batchesCreated.get(),
				this.linesSubmitted.get(), this.resubmittedLines.get(), this.linesAnswered.get(),
				this.linesFailed.get());
	}

	/**
	 * Cancels the batches in progress and forgets the files, batches, counts and rule
	 * uses.
	 */
	void reset() {
		this.batches.values().forEach(SimulatedBatch::cancel);
		this.batches.clear();
		this.files.clear();
		this.filesUploaded.set(0);
		this.batchesCreated.set(0);
		this.linesSubmitted.set(0);
		this.resubmittedLines.set(0);
		this.linesAnswered.set(0);
		this.linesFailed.set(0);
		this.submittedIds.clear();
		this.added.forEach(LimitedRule::reset);
		this.fromFile.forEach(LimitedRule::reset);
	}

	@Override
	public void close() {
		this.worker.shutdownNow();
	}

	void handle(HttpExchange exchange) {
		try (exchange) {
			try {
				byte[] body = exchange.getRequestBody().readAllBytes();
				Matcher route = ROUTE.matcher(exchange.getRequestURI().getPath());
				if (!route.matches()) {
					throw notFound(exchange);
				}
				if (unavailable()) {
					throw new RequestRejectedException(404, "404",
							"[simulator] This endpoint offers no Batch API (a batch rule says unavailable)");
				}
				this.keys.check(exchange.getRequestHeaders().getFirst("Authorization"));
				reply(exchange, 200, serve(exchange, route, body));
			}
			catch (RequestRejectedException ex) {
				reply(exchange, ex.httpStatus(),
						this.wire.error(SimulatorRule.Route.ZAI, ex.httpStatus(), ex.code(), ex.getMessage()));
			}
			catch (RuntimeException ex) {
				log.error("Simulator failed on a batch request", ex);
				reply(exchange, 500, this.wire.error(SimulatorRule.Route.ZAI, 500, "500", "[simulator] " + ex));
			}
		}
		catch (IOException ex) {
			log.debug("Batch request ended early: {}", ex.toString());
		}
	}

	private byte[] serve(HttpExchange exchange, Matcher route, byte[] body) throws RequestRejectedException {
		String method = exchange.getRequestMethod();
		String kind = route.group(1);
		String id = route.group(2);
		String action = route.group(3);
		if (kind.equals("files")) {
			if (id == null && method.equals("POST")) {
				return upload(exchange.getRequestHeaders().getFirst("Content-Type"), body);
			}
			StoredFile file = (id != null) ? this.files.get(id) : null;
			if (file == null || (action != null && !action.equals("content"))) {
				throw notFound(exchange);
			}
			if (method.equals("GET")) {
				return (action != null) ? file.content() : json(file.toJson(this.mapper));
			}
			if (method.equals("DELETE") && action == null) {
				this.files.remove(id);
				return json(this.mapper.createObjectNode().put("id", id).put("object", "file").put("deleted", true));
			}
			throw notFound(exchange);
		}
		if (id == null && method.equals("POST")) {
			return json(create(body).toJson(this.mapper));
		}
		SimulatedBatch batch = (id != null) ? this.batches.get(id) : null;
		if (batch == null) {
			throw notFound(exchange);
		}
		if (method.equals("GET") && action == null) {
			return json(batch.toJson(this.mapper));
		}
		if (method.equals("POST") && "cancel".equals(action)) {
			batch.cancel();
			return json(batch.toJson(this.mapper));
		}
		throw notFound(exchange);
	}

	private byte[] upload(@Nullable String contentType, byte[] body) throws RequestRejectedException {
		MultipartForm form = MultipartForm.read(contentType, body);
		MultipartForm.Part file = form.part("file");
		if (file == null) {
			throw RequestRejectedException.invalid("file", "is missing");
		}
		if (!"batch".equals(form.text("purpose"))) {
			throw RequestRejectedException.invalid("purpose", "must be batch");
		}
		if (file.content().length > MAX_FILE_BYTES) {
			throw RequestRejectedException.invalid("file", "is larger than 100 MB");
		}
		String id = "file_"
				+ String.format(Locale.ROOT, "%d%08x", this.clock.millis(), this.sequence.incrementAndGet());
		StoredFile stored = new StoredFile(id, (file.fileName() != null) ? file.fileName() : "upload.jsonl", "batch",
				file.content(), this.clock.millis() / 1000);
		this.files.put(id, stored);
		this.filesUploaded.incrementAndGet();
		return json(stored.toJson(this.mapper));
	}

	private SimulatedBatch create(byte[] body) throws RequestRejectedException {
		JsonNode root;
		try {
			root = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw RequestRejectedException.invalid("body", "is not JSON");
		}
		String inputFileId = root.path("input_file_id").asString("");
		StoredFile input = this.files.get(inputFileId);
		if (input == null) {
			throw RequestRejectedException.invalid("input_file_id", "names no uploaded file: '" + inputFileId + "'");
		}
		if (!SimulatedBatch.CHAT_ENDPOINT.equals(root.path("endpoint").asString(""))) {
			throw RequestRejectedException.invalid("endpoint", "must be " + SimulatedBatch.CHAT_ENDPOINT);
		}
		int number = this.sequence.incrementAndGet();
		String id = "batch_" + String.format(Locale.ROOT, "%d%06d", this.clock.millis(), number);
		JsonNode metadata = root.get("metadata");
		SimulatedBatch batch = new SimulatedBatch(id, inputFileId,
				(metadata != null && metadata.isObject()) ? metadata : null, this.clock.millis(),
				this.batchesCreated.incrementAndGet() % 2 == 0);
		this.batches.put(id, batch);
		BatchRule rule = ruleForNextBatch();
		boolean deleteInput = root.path("auto_delete_input_file").asBoolean(false);
		this.worker.schedule(() -> run(batch, input, rule, deleteInput), VALIDATING_MILLIS, TimeUnit.MILLISECONDS);
		return batch;
	}

	private void run(SimulatedBatch batch, StoredFile input, @Nullable BatchRule rule, boolean deleteInput) {
		try {
			if (batch.isCancelling()) {
				batch.end("cancelled", null, null, this.clock.millis());
				return;
			}
			List<SimulatedBatch.ValidationError> errors = new ArrayList<>();
			List<Line> lines = this.inputCheck.lines(input.content(), errors);
			if (rule != null && rule.outcome() == BatchRule.Outcome.INVALID) {
				errors.add(new SimulatedBatch.ValidationError("invalid_request", 1,
						"[simulator] The batch was refused at validation (a batch rule says invalid)", "body"));
			}
			if (!errors.isEmpty()) {
				batch.failValidation(errors, this.clock.millis());
				return;
			}
			if (deleteInput) {
				this.files.remove(input.id());
			}
			for (Line line : lines) {
				this.linesSubmitted.incrementAndGet();
				if (!this.submittedIds.add(line.customId())) {
					this.resubmittedLines.incrementAndGet();
				}
			}
			batch.start(lines.size(), this.clock.millis());
			int answering = (rule != null && rule.outcome() == BatchRule.Outcome.EXPIRE) ? lines.size() / 2
					: lines.size();
			long pause = pauseBetweenSlices(rule, lines.size());
			List<String> output = new ArrayList<>();
			List<String> failed = new ArrayList<>();
			for (int i = 0; i < answering; i++) {
				if (batch.isCancelling()) {
					finish(batch, "cancelled", output, failed);
					return;
				}
				boolean ok = answer(batch.id(), lines.get(i), output, failed);
				batch.lineDone(ok);
				if ((i + 1) % SLICE_LINES == 0 && pause > 0) {
					Thread.sleep(pause);
				}
			}
			if (answering < lines.size()) {
				finish(batch, "expired", output, failed);
				return;
			}
			batch.finalizing(this.clock.millis());
			Thread.sleep(FINALIZING_MILLIS);
			finish(batch, "completed", output, failed);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.error("Simulator failed on batch {}", batch.id(), ex);
			batch.failValidation(
					List.of(new SimulatedBatch.ValidationError("server_error", 0, "[simulator] " + ex, "")),
					this.clock.millis());
		}
	}

	private static long pauseBetweenSlices(@Nullable BatchRule rule, int lines) {
		if (rule == null || rule.outcome() != BatchRule.Outcome.SLOW || rule.duration() == null) {
			return SLICE_MILLIS;
		}
		int slices = Math.max(1, (lines + SLICE_LINES - 1) / SLICE_LINES);
		return Math.max(SLICE_MILLIS, rule.duration().toMillis() / slices);
	}

	private void finish(SimulatedBatch batch, String status, List<String> output, List<String> failed) {
		if (this.batches.get(batch.id()) != batch) {
			// forgotten by a reset: its results would outlive it
			batch.end(status, null, null, this.clock.millis());
			return;
		}
		String outputId = output.isEmpty() ? null : store(batch.id() + "_output.jsonl", quirky(output));
		String errorId = failed.isEmpty() ? null : store(batch.id() + "_error.jsonl", quirky(failed));
		batch.end(status, outputId, errorId, this.clock.millis());
	}

	private String store(String name, byte[] content) {
		String id = "file_"
				+ String.format(Locale.ROOT, "%d%08x", this.clock.millis(), this.sequence.incrementAndGet());
		this.files.put(id, new StoredFile(id, name, "batch_output", content, this.clock.millis() / 1000));
		return id;
	}

	/**
	 * The lines in shuffled order, the first with a leading space, a blank line after
	 * every seventh.
	 */
	private byte[] quirky(List<String> lines) {
		List<String> shuffled = new ArrayList<>(lines);
		synchronized (this.shuffle) {
			Collections.shuffle(shuffled, this.shuffle);
		}
		StringBuilder text = new StringBuilder(" ");
		for (int i = 0; i < shuffled.size(); i++) {
			text.append(shuffled.get(i)).append('\n');
			if (i % 7 == 6) {
				text.append('\n');
			}
		}
		return text.toString().getBytes(StandardCharsets.UTF_8);
	}

	/** Answers one line into the output or the error lines; returns whether it passed. */
	private boolean answer(String batchId, Line line, List<String> output, List<String> failed) {
		SimulatorRule.Response plan = this.rules.apply(line.request());
		if (plan == null) {
			plan = this.faults.roll();
		}
		if (plan == null) {
			plan = SimulatorRule.Response.normal();
		}
		ObjectNode envelope = this.mapper.createObjectNode();
		ObjectNode response = envelope.putObject("response");
		boolean ok = !plan.isError();
		if (ok) {
			Answer answer = this.composer.compose(line.request(), plan);
			byte[] completion = this.wire.completion(line.request(), this.wire.envelope(line.request()), answer, 0);
			this.stats.answered(line.request(), answer, 0);
			response.put("status_code", 200);
			response.set("body", this.mapper.readTree(completion));
			this.linesAnswered.incrementAndGet();
		}
		else {
			String code = plan.errorCode();
			byte[] error = this.wire.error(SimulatorRule.Route.ZAI, plan.errorStatus(), code,
					ErrorCatalog.messageOf(code));
			response.put("status_code", plan.errorStatus());
			response.set("body", this.mapper.readTree(error));
			this.linesFailed.incrementAndGet();
		}
		envelope.put("custom_id", line.customId());
		envelope.put("id", batchId);
		(ok ? output : failed).add(this.mapper.writeValueAsString(envelope));
		return ok;
	}

	private boolean unavailable() {
		return this.added.stream().anyMatch(BatchEndpoints::unavailable)
				|| this.fromFile.stream().anyMatch(BatchEndpoints::unavailable);
	}

	private static boolean unavailable(LimitedRule<BatchRule> use) {
		return use.rule().outcome() == BatchRule.Outcome.UNAVAILABLE;
	}

	private static LimitedRule<BatchRule> limited(BatchRule rule) {
		return new LimitedRule<>(rule, rule.times());
	}

	private @Nullable BatchRule ruleForNextBatch() {
		for (List<LimitedRule<BatchRule>> uses : List.of(this.added, this.fromFile)) {
			for (LimitedRule<BatchRule> use : uses) {
				if (!unavailable(use) && use.tryUse()) {
					return use.rule();
				}
			}
		}
		return null;
	}

	private byte[] json(JsonNode node) {
		return this.mapper.writeValueAsBytes(node);
	}

	private static RequestRejectedException notFound(HttpExchange exchange) {
		return new RequestRejectedException(404, "404", "[simulator] No route or object for "
				+ exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
	}

	private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.getResponseHeaders()
			.set("Content-Type", (body.length > 0 && body[0] == '{') ? WireFormat.JSON_CONTENT_TYPE
					: "application/jsonl; charset=UTF-8");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** An uploaded or result file. */
	private record StoredFile(String id, String filename, String purpose, byte[] content, long createdAt) {

		ObjectNode toJson(ObjectMapper mapper) {
			return mapper.createObjectNode()
				.put("id", this.id)
				.put("object", "file")
				.put("bytes", this.content.length)
				.put("created_at", this.createdAt)
				.put("filename", this.filename)
				.put("purpose", this.purpose);
		}

	}

}
