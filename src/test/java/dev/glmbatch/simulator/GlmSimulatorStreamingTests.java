package dev.glmbatch.simulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.glmbatch.testsupport.GlmSimulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class GlmSimulatorStreamingTests {

	@RegisterExtension
	static GlmSimulatorExtension simulator = new GlmSimulatorExtension();

	private final RawHttp http = RawHttp.to(simulator);

	@Test
	void framesEveryEventAsOneDataLineAndBlankLineEndingWithDone() throws IOException {
		RawHttp.RawResponse response = this.http.postOverSocket(RawHttp.ZAI, """
				{"model":"glm-4.5","stream":true,"messages":[{"role":"user","content":"Tell me something"}]}""");

		assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
		assertThat(response.headers()).containsEntry("content-type", "text/event-stream;charset=UTF-8");
		List<String> lines = response.lines();
		assertThat(lines.get(lines.size() - 1)).isEmpty(); // the body ends with a line
															// feed
		lines.remove(lines.size() - 1);
		assertThat(lines.size() % 2).isZero();
		for (int i = 0; i < lines.size(); i += 2) {
			assertThat(lines.get(i)).startsWith("data: ");
			assertThat(lines.get(i + 1)).isEmpty();
		}
		assertThat(lines.get(lines.size() - 2)).isEqualTo("data: [DONE]");
	}

	@Test
	void sendsReasoningChunksBeforeContentChunksAndUsageOnlyOnLastChunk() throws IOException {
		List<JsonNode> chunks = chunks(RawHttp.ZAI, """
				{"model":"glm-4.5","stream":true,"messages":[{"role":"user","content":"Tell me something"}]}""");

		JsonNode first = chunks.get(0);
		assertThat(first.propertyNames()).containsExactly("id", "object", "created", "model", "choices");
		assertThat(first.get("object").stringValue()).isEqualTo("chat.completion.chunk");
		assertThat(first.get("id").stringValue()).matches("\\d{14}[0-9a-f]{16}");
		StringBuilder reasoning = new StringBuilder();
		StringBuilder content = new StringBuilder();
		boolean contentStarted = false;
		for (JsonNode chunk : chunks.subList(0, chunks.size() - 1)) {
			assertThat(chunk.get("id").stringValue()).isEqualTo(first.get("id").stringValue());
			assertThat(chunk.get("created").longValue()).isEqualTo(first.get("created").longValue());
			assertThat(chunk.get("model").stringValue()).isEqualTo("glm-4.5");
			assertThat(chunk.has("usage")).isFalse();
			JsonNode choice = chunk.get("choices").get(0);
			assertThat(choice.has("finish_reason")).isFalse();
			JsonNode delta = choice.get("delta");
			assertThat(delta.get("role").stringValue()).isEqualTo("assistant");
			if (delta.has("reasoning_content")) {
				assertThat(contentStarted).as("reasoning after content").isFalse();
				assertThat(delta.has("content")).isFalse();
				reasoning.append(delta.get("reasoning_content").stringValue());
			}
			else {
				contentStarted = true;
				content.append(delta.get("content").stringValue());
			}
		}
		JsonNode last = chunks.get(chunks.size() - 1);
		assertThat(last.get("choices").get(0).get("finish_reason").stringValue()).isEqualTo("stop");
		assertThat(last.get("choices").get(0).get("delta").get("content").stringValue()).isEmpty();
		JsonNode usage = last.get("usage");
		assertThat(usage.get("completion_tokens").intValue()).isEqualTo(chunks.size() - 1);
		assertThat(usage.at("/completion_tokens_details/reasoning_tokens").intValue())
			.isEqualTo(chunks.stream().filter(chunk -> chunk.at("/choices/0/delta").has("reasoning_content")).count());
		assertThat(reasoning.toString()).startsWith("Simulated reasoning");
		assertThat(content.toString()).startsWith("Simulated answer ");
	}

	@Test
	void streamsSameTextAsNonStreamingAnswer() throws IOException {
		String body = """
				{"model":"glm-4.5","stream":%s,"messages":[{"role":"user","content":"Target language: Italian\\n<<<DATA:x>>>\\nGood {part} of the day\\n<<<END:x>>>"}]}""";
		JsonNode whole = RawHttp.json(this.http.post(RawHttp.ZAI, body.formatted("false")))
			.get("choices")
			.get(0)
			.get("message");

		List<JsonNode> chunks = chunks(RawHttp.ZAI, body.formatted("true"));

		assertThat(joined(chunks, "content")).isEqualTo(whole.get("content").stringValue())
			.isEqualTo("[Italian] Good {part} of the day");
		assertThat(joined(chunks, "reasoning_content")).isEqualTo(whole.get("reasoning_content").stringValue());
	}

	@Test
	void streamsNoReasoningWhenThinkingIsDisabled() throws IOException {
		List<JsonNode> chunks = chunks(RawHttp.ZAI,
				"""
						{"model":"glm-4.5","stream":true,"thinking":{"type":"disabled"},"messages":[{"role":"user","content":"hi"}]}""");

		assertThat(chunks).noneMatch((chunk) -> chunk.get("choices").get(0).get("delta").has("reasoning_content"));
		assertThat(joined(chunks, "content")).startsWith("Simulated answer ");
	}

	@Test
	void endsStreamWithLengthWhenReasoningEatsTheBudget() throws IOException {
		List<JsonNode> chunks = chunks(RawHttp.ZAI, """
				{"model":"glm-4.5","stream":true,"max_tokens":4,"messages":[{"role":"user","content":"hi"}]}""");

		JsonNode last = chunks.get(chunks.size() - 1);
		assertThat(last.get("choices").get(0).get("finish_reason").stringValue()).isEqualTo("length");
		assertThat(joined(chunks, "content")).isEmpty();
		assertThat(last.get("usage").get("completion_tokens").intValue()).isEqualTo(4);
	}

	@Test
	void marksOpenAiRouteChunksWithObjectField() throws IOException {
		List<JsonNode> chunks = chunks(RawHttp.OPENAI, """
				{"model":"glm-4.5","stream":true,"messages":[{"role":"user","content":"hi"}]}""");

		assertThat(chunks).allMatch((chunk) -> chunk.get("object").stringValue().equals("chat.completion.chunk"));
	}

	@Test
	void countsStreamedAnswersInStats() throws IOException {
		List<JsonNode> chunks = chunks(RawHttp.ZAI, """
				{"model":"glm-4.5","stream":true,"messages":[{"role":"user","content":"hi"}]}""");

		SimulatorStats stats = simulator.stats();
		assertThat(stats.streamed()).isEqualTo(1);
		assertThat(stats.completionTokens())
			.isEqualTo(chunks.get(chunks.size() - 1).get("usage").get("completion_tokens").longValue());
		assertThat(stats.countOfStatus(200)).isEqualTo(1);
		assertThat(stats.inFlight()).isZero();
	}

	private List<JsonNode> chunks(String path, String body) throws IOException {
		return parseChunks(this.http.postOverSocket(path, body));
	}

	static List<JsonNode> parseChunks(RawHttp.RawResponse response) {
		List<JsonNode> chunks = new ArrayList<>();
		for (String line : response.lines()) {
			if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
				chunks.add(RawHttp.json(line.substring("data: ".length())));
			}
		}
		return chunks;
	}

	static String joined(List<JsonNode> chunks, String field) {
		StringBuilder text = new StringBuilder();
		for (JsonNode chunk : chunks) {
			JsonNode value = chunk.get("choices").get(0).get("delta").get(field);
			if (value != null) {
				text.append(value.stringValue());
			}
		}
		return text.toString();
	}

}
