package dev.glmbatch.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Checks a batch's input file as the Batch API validates it: each line is JSON with a
 * unique {@code custom_id}, {@code method} POST, the chat {@code url} and a body the chat
 * route accepts, not streamed; one model per file, at most {@value #MAX_LINES} lines, not
 * empty. Thread-safe.
 */
final class BatchInputCheck {

	static final int MAX_LINES = 50_000;

	private final ObjectMapper mapper;

	private final RequestReader reader;

	BatchInputCheck(ObjectMapper mapper, RequestReader reader) {
		this.mapper = mapper;
		this.reader = reader;
	}

	/**
	 * The input file's lines, in file order, blank lines passed over.
	 * @param errors where the problems that refuse the file are added
	 */
	List<Line> lines(byte[] content, List<SimulatedBatch.ValidationError> errors) {
		String[] texts = new String(content, StandardCharsets.UTF_8).split("\n", -1);
		List<Line> lines = new ArrayList<>();
		Set<String> customIds = new HashSet<>();
		String model = null;
		for (int index = 0; index < texts.length; index++) {
			String text = texts[index].strip();
			int number = index + 1;
			if (text.isEmpty()) {
				continue;
			}
			if (lines.size() + errors.size() >= MAX_LINES) {
				errors.add(new SimulatedBatch.ValidationError("too_many_lines", number,
						"A batch file holds at most " + MAX_LINES + " lines", ""));
				break;
			}
			Line line = line(text, number, errors);
			if (line == null) {
				continue;
			}
			if (!customIds.add(line.customId())) {
				errors.add(new SimulatedBatch.ValidationError("duplicate_custom_id", number,
						"custom_id '" + line.customId() + "' is used by an earlier line", "custom_id"));
			}
			else if (model != null && !model.equals(line.request().model())) {
				errors.add(new SimulatedBatch.ValidationError("mixed_models", number,
						"model '" + line.request().model() + "' differs from the file's first model '" + model + "'",
						"body.model"));
			}
			else {
				model = line.request().model();
				lines.add(line);
			}
		}
		if (lines.isEmpty() && errors.isEmpty()) {
			errors.add(new SimulatedBatch.ValidationError("empty_file", 1, "The file has no lines", ""));
		}
		return lines;
	}

	private @Nullable Line line(String text, int number, List<SimulatedBatch.ValidationError> errors) {
		JsonNode root;
		try {
			root = this.mapper.readTree(text);
		}
		catch (JacksonException ex) {
			errors.add(new SimulatedBatch.ValidationError("invalid_json", number, "The line is not JSON", ""));
			return null;
		}
		String customId = root.path("custom_id").asString("");
		if (customId.isBlank()) {
			errors.add(new SimulatedBatch.ValidationError("missing_custom_id", number, "custom_id is required",
					"custom_id"));
			return null;
		}
		if (!"POST".equals(root.path("method").asString(""))) {
			errors.add(new SimulatedBatch.ValidationError("invalid_method", number, "method must be POST", "method"));
			return null;
		}
		if (!SimulatedBatch.CHAT_ENDPOINT.equals(root.path("url").asString(""))) {
			errors.add(new SimulatedBatch.ValidationError("invalid_url", number,
					"url must be " + SimulatedBatch.CHAT_ENDPOINT, "url"));
			return null;
		}
		JsonNode body = root.path("body");
		if (body.path("stream").asBoolean(false)) {
			errors.add(new SimulatedBatch.ValidationError("invalid_request", number, "A batch request cannot stream",
					"body.stream"));
			return null;
		}
		try {
			SimulatedRequest request = this.reader.read(this.mapper.writeValueAsBytes(body), SimulatorRule.Route.ZAI);
			return new Line(customId, request);
		}
		catch (RequestRejectedException ex) {
			errors.add(new SimulatedBatch.ValidationError(ex.code(), number, ex.getMessage(), "body"));
			return null;
		}
	}

	/** A checked input line. */
	record Line(String customId, SimulatedRequest request) {

	}

}
