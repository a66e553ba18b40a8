package dev.glmbatch.llm.glm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import dev.glmbatch.llm.BatchApi;
import dev.glmbatch.llm.BatchException;
import dev.glmbatch.llm.BatchLine;
import dev.glmbatch.llm.BatchResults;
import dev.glmbatch.llm.BatchState;
import dev.glmbatch.llm.BatchUnavailableException;
import dev.glmbatch.llm.ChatAnswer;
import dev.glmbatch.llm.ChatRequest;
import dev.glmbatch.llm.LlmException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.glmbatch.llm.glm.api.ChatCompletion;

/**
 * The Batch API at the configured base URL: requests go up as JSONL files
 * ({@code POST files}, {@code purpose=batch}), a batch per file runs them at half the
 * synchronous price, and the results come back as files joined on {@code custom_id}.
 *
 * <p>
 * Files respect the documented limits: at most {@value #MAX_LINES} lines and
 * {@value #MAX_FILE_BYTES} bytes, and one model each. What the servers are known to do
 * differently from the documentation is tolerated: results in any order, blank lines and
 * leading spaces, timestamps in milliseconds, {@code request_counts} nested or flattened,
 * {@code ""} for a missing file id. An endpoint that has no Batch API (HTTP 404 or 434,
 * or code 1220, on upload or create) raises {@link BatchUnavailableException}.
 * Thread-safe.
 */
public final class GlmBatchClient implements BatchApi {

	private static final Logger log = LoggerFactory.getLogger(GlmBatchClient.class);

	/** Lines per file at most. */
	public static final int MAX_LINES = 50_000;

	/** Bytes per file at most (100 MB). */
	public static final long MAX_FILE_BYTES = 100L * 1024 * 1024;

	static final String CHAT_ENDPOINT = "/v4/chat/completions";

	private static final Set<Integer> NO_BATCHES_STATUS = Set.of(404, 434);

	private static final String NO_BATCHES_CODE = "1220";

	private static final Duration FIRST_POLL = Duration.ofSeconds(1);

	private static final Duration LONGEST_POLL = Duration.ofMinutes(1);

	private final GlmClient chat;

	private final GlmProperties properties;

	private final HttpClient http;

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Sleeper sleeper;

	private final BigDecimal priceFactor;

	GlmBatchClient(GlmClient chat, GlmProperties properties, BigDecimal priceFactor, Sleeper sleeper) {
		this.chat = chat;
		this.properties = properties;
		this.priceFactor = priceFactor;
		this.sleeper = sleeper;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
	}

	/**
	 * A batch client beside a chat client of the same settings.
	 * @param priceFactor the batch price as a share of the list price, e.g. {@code 0.5}
	 */
	public static GlmBatchClient create(GlmClient chat, GlmProperties properties, BigDecimal priceFactor) {
		return new GlmBatchClient(chat, properties, priceFactor, Sleeper.SYSTEM);
	}

	/**
	 * Splits lines into files a batch accepts: one model per file, at most
	 * {@link #MAX_LINES} lines and {@link #MAX_FILE_BYTES} bytes, in the order given.
	 */
	@Override
	public List<List<BatchLine>> files(List<BatchLine> lines) {
		Map<String, List<List<BatchLine>>> byModel = new LinkedHashMap<>();
		Map<String, Long> bytes = new LinkedHashMap<>();
		for (BatchLine line : lines) {
			String model = line.request().model();
			List<List<BatchLine>> files = byModel.computeIfAbsent(model, (key) -> new ArrayList<>());
			long size = encode(line).length + 1;
			if (files.isEmpty() || files.get(files.size() - 1).size() >= MAX_LINES
					|| bytes.getOrDefault(model, 0L) + size > MAX_FILE_BYTES) {
				files.add(new ArrayList<>());
				bytes.put(model, 0L);
			}
			files.get(files.size() - 1).add(line);
			bytes.merge(model, size, Long::sum);
		}
		return byModel.values().stream().flatMap(List::stream).map(List::copyOf).toList();
	}

	/**
	 * Uploads one file's lines and creates its batch; the uploaded file is deleted by the
	 * server once the batch has read it ({@code auto_delete_input_file}).
	 * @param lines one file's lines, as {@link #files} makes them
	 * @param metadata labels for the batch, e.g. the run
	 * @return the batch as created
	 * @throws BatchUnavailableException when the endpoint has no Batch API
	 * @throws BatchException when the upload or the creation is refused
	 */
	@Override
	public BatchState submit(List<BatchLine> lines, Map<String, String> metadata) {
		ByteArrayOutputStream jsonl = new ByteArrayOutputStream();
		for (BatchLine line : lines) {
			jsonl.writeBytes(encode(line));
			jsonl.write('\n');
		}
		JsonNode file = send("upload", upload(jsonl.toByteArray()));
		String fileId = file.path("id").asString("");
		if (fileId.isEmpty()) {
			throw new BatchException("the upload answered no file id: " + file);
		}
		ObjectNode create = this.mapper.createObjectNode()
			.put("input_file_id", fileId)
			.put("endpoint", CHAT_ENDPOINT)
			.put("auto_delete_input_file", true);
		ObjectNode labels = create.putObject("metadata");
		metadata.forEach(labels::put);
		BatchState state = BatchStates.of(send("create", post("batches", this.mapper.writeValueAsString(create))));
		log.debug("Submitted batch {} of {} lines (file {})", state.id(), lines.size(), fileId);
		return state;
	}

	/** The batch as it stands now. */
	@Override
	public BatchState poll(String batchId) {
		return BatchStates.of(send("poll", get("batches/" + batchId)));
	}

	@Override
	public BatchState cancel(String batchId) {
		return BatchStates.of(send("cancel", post("batches/" + batchId + "/cancel", "{}")));
	}

	/**
	 * Polls until the batch has ended, waiting 1 s, then half as long again each time up
	 * to a minute.
	 * @param progress told every state seen
	 * @return the ended batch (completed, failed, expired or cancelled)
	 * @throws InterruptedException when the thread is interrupted while waiting
	 */
	public BatchState await(String batchId, Consumer<BatchState> progress) throws InterruptedException {
		Duration wait = FIRST_POLL;
		while (true) {
			BatchState state = poll(batchId);
			progress.accept(state);
			if (state.status().ended()) {
				return state;
			}
			this.sleeper.sleep(wait);
			wait = min(wait.plus(wait.dividedBy(2)), LONGEST_POLL);
		}
	}

	/**
	 * Reads an ended batch's output and error files and joins them to the requests sent.
	 * A line of the output whose answer is unusable (cut off empty, refused) counts as
	 * failed, with the reason.
	 * @param state the ended batch
	 * @param requests the requests of its lines, by {@code custom_id}
	 * @return the answers priced at the batch rate, and the reasons of the failed lines;
	 * a line in neither (an expired batch's) was not answered
	 */
	@Override
	public BatchResults results(BatchState state, Map<String, ChatRequest> requests) {
		Map<String, ChatAnswer> answers = new LinkedHashMap<>();
		Map<String, String> failures = new LinkedHashMap<>();
		for (String fileId : new String[] { state.outputFileId(), state.errorFileId() }) {
			if (fileId == null) {
				continue;
			}
			for (String text : download(fileId).split("\n")) {
				if (text.isBlank()) {
					continue;
				}
				readLine(text.strip(), requests, answers, failures);
			}
		}
		return new BatchResults(answers, failures);
	}

	/**
	 * Deletes a file (an uploaded input or a result file); a file already gone is fine.
	 */
	@Override
	public void delete(@Nullable String fileId) {
		if (fileId == null) {
			return;
		}
		HttpResponse<String> response = exchange(request("files/" + fileId).DELETE().build());
		if (response.statusCode() != 200 && response.statusCode() != 404) {
			throw new BatchException("deleting file " + fileId + " answered HTTP " + response.statusCode());
		}
	}

	private void readLine(String text, Map<String, ChatRequest> requests, Map<String, ChatAnswer> answers,
			Map<String, String> failures) {
		JsonNode line;
		try {
			line = this.mapper.readTree(text);
		}
		catch (JacksonException ex) {
			log.warn("Skipped a batch result line that is not JSON");
			return;
		}
		String customId = line.path("custom_id").asString("");
		ChatRequest request = requests.get(customId);
		if (request == null) {
			log.warn("Skipped a batch result for an unknown custom_id '{}'", customId);
			return;
		}
		JsonNode response = line.path("response");
		int status = response.path("status_code").asInt(0);
		JsonNode body = response.path("body");
		if (status != 200) {
			JsonNode error = body.path("error").isObject() ? body.path("error") : line.path("error");
			failures.put(customId, "HTTP " + status + " " + error.path("code").asString("") + " "
					+ error.path("message").asString("").strip());
			return;
		}
		try {
			ChatCompletion completion = this.mapper.treeToValue(body, ChatCompletion.class);
			if (completion.choices() == null || completion.choices().isEmpty()) {
				failures.put(customId, "an answer without choices");
				return;
			}
			ChatAnswer answer = this.chat.answer(request, Completion.of(completion, completion.choices().get(0)),
					line.path("id").asString(customId), 1);
			answers.put(customId, atBatchPrice(answer));
		}
		catch (LlmException | GlmFault ex) {
			failures.put(customId, String.valueOf(ex.getMessage()));
		}
		catch (JacksonException ex) {
			failures.put(customId, "an answer that is not a chat completion");
		}
	}

	private ChatAnswer atBatchPrice(ChatAnswer answer) {
		return new ChatAnswer(answer.content(), answer.reasoning(), answer.finishReason(), answer.usage(),
				answer.costUsd().multiply(this.priceFactor), answer.model(), answer.responseId(), answer.attempts(),
				answer.toolCalls(), answer.priced());
	}

	private byte[] encode(BatchLine line) {
		ChatRequest request = line.request().withStream(false);
		ObjectNode json = this.mapper.createObjectNode()
			.put("custom_id", line.customId())
			.put("method", "POST")
			.put("url", CHAT_ENDPOINT);
		json.set("body", this.mapper.valueToTree(ChatRequestEncoder.encode(request, this.properties.dialect(),
				this.chat.thinkingControlOf(request.model()), line.customId())));
		return this.mapper.writeValueAsBytes(json);
	}

	private String download(String fileId) {
		HttpResponse<String> response = exchange(request("files/" + fileId + "/content").GET().build());
		if (response.statusCode() != 200) {
			throw new BatchException("downloading file " + fileId + " answered HTTP " + response.statusCode());
		}
		return response.body();
	}

	private HttpRequest upload(byte[] jsonl) {
		String boundary = "glm-batch-" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nbatch\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"requests.jsonl\"\r\n"
				+ "Content-Type: application/jsonl\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(jsonl);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return request("files").header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
	}

	private HttpRequest post(String path, String json) {
		return request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
	}

	private HttpRequest get(String path) {
		return request(path).GET().build();
	}

	private HttpRequest.Builder request(String path) {
		String base = this.properties.baseUrl().toString();
		while (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/" + path))
			.timeout(this.properties.callTimeout())
			.header("Accept", "application/json");
		if (this.properties.hasApiKey()) {
			builder.header("Authorization", "Bearer " + this.properties.apiKey());
		}
		return builder;
	}

	private JsonNode send(String what, HttpRequest request) {
		HttpResponse<String> response = exchange(request);
		JsonNode body;
		try {
			body = this.mapper.readTree(response.body());
		}
		catch (JacksonException ex) {
			body = this.mapper.createObjectNode();
		}
		int status = response.statusCode();
		if (status == 200) {
			return body;
		}
		String code = body.path("error").path("code").asString("");
		String message = body.path("error").path("message").asString("").strip();
		if ((what.equals("upload") || what.equals("create"))
				&& (NO_BATCHES_STATUS.contains(status) || NO_BATCHES_CODE.equals(code))) {
			throw new BatchUnavailableException(this.properties.baseUrl() + " offers no Batch API (" + what
					+ " answered HTTP " + status + (code.isEmpty() ? "" : ", code " + code) + ")");
		}
		throw new BatchException("batch " + what + " answered HTTP " + status + (code.isEmpty() ? "" : " " + code)
				+ (message.isEmpty() ? "" : ": " + message));
	}

	private HttpResponse<String> exchange(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new BatchException("cannot reach " + this.properties.baseUrl() + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BatchException("interrupted while talking to the Batch API", ex);
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
