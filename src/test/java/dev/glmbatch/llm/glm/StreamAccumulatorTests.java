package dev.glmbatch.llm.glm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.glmbatch.llm.TokenUsage;
import dev.glmbatch.llm.ToolCall;

import static org.assertj.core.api.Assertions.assertThat;

class StreamAccumulatorTests {

	private final StreamAccumulator accumulator = new StreamAccumulator(
			JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());

	@ParameterizedTest(name = "''{0}'' -> ''{1}''")
	@CsvSource(nullValues = "-", delimiter = '|', textBlock = """
			data: {"a":1}   | {"a":1}
			data:{"a":1}    | {"a":1}
			'data:  x'      | ' x'
			data: [DONE]    | [DONE]
			''              | -
			event: message  | -
			': keep-alive'  | -
			id: 7           | -
			DATA: {}        | -
			""")
	void extractsThePayloadOfDataLinesOnly(String line, String payload) {
		assertThat(StreamAccumulator.dataOf(line)).isEqualTo(payload);
	}

	@Test
	void concatenatesDeltasAndTakesFinishReasonAndUsageFromTheLastChunk() {
		feed("data: {\"id\":\"r1\",\"created\":1,\"model\":\"glm-4.5\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"reasoning_content\":\"The \"}}]}",
				"",
				"data: {\"id\":\"r1\",\"model\":\"glm-4.5\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"reasoning_content\":\"user\"}}]}",
				"",
				"data: {\"id\":\"r1\",\"model\":\"glm-4.5\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\\nOl\",\"reasoning_content\":\"\"}}]}",
				"data: {\"id\":\"r1\",\"model\":\"glm-4.5\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"á!\"}}]}",
				"data: {\"id\":\"r1\",\"model\":\"glm-4.5\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}],\"usage\":{\"prompt_tokens\":18,\"completion_tokens\":202,\"total_tokens\":220,\"prompt_tokens_details\":{\"cached_tokens\":3}}}",
				"");

		boolean done = accumulator.accept("data: [DONE]");

		assertThat(done).isTrue();
		assertThat(accumulator.isFinished()).isTrue();
		Completion completion = accumulator.toCompletion();
		assertThat(completion.content()).isEqualTo("\nOlá!");
		assertThat(completion.reasoning()).isEqualTo("The user");
		assertThat(completion.finishReason()).isEqualTo("stop");
		assertThat(completion.usage()).isEqualTo(new TokenUsage(18, 202, 3));
		assertThat(completion.id()).isEqualTo("r1");
		assertThat(completion.model()).isEqualTo("glm-4.5");
	}

	@Test
	void readsTheNewerVllmReasoningFieldAndAUsageOnlyChunk() {
		feed("data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\"hmm\"}}]}",
				"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}",
				"data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}");

		Completion completion = accumulator.toCompletion();
		assertThat(completion.reasoning()).isEqualTo("hmm");
		assertThat(completion.content()).isEqualTo("ok");
		assertThat(completion.usage()).isEqualTo(new TokenUsage(5, 2, 0));
	}

	@Test
	void skipsLinesThatDoNotParseAndOtherLineTypes() {
		feed(": comment", "event: ping", "data: {\"id\":data: {\"x\":1}", "data: not json", "data: 42",
				"data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"fine\"},\"finish_reason\":\"stop\"}]}");

		assertThat(accumulator.skippedLines()).isEqualTo(3);
		assertThat(accumulator.toCompletion().content()).isEqualTo("fine");
		assertThat(accumulator.isFinished()).isTrue();
	}

	@Test
	void stopsAtAnErrorObjectInsideTheStream() {
		feed("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"par\"}}]}");

		boolean done = accumulator.accept("data: {\"error\":{\"code\":\"1301\",\"message\":\"unsafe\"}}");

		assertThat(done).isTrue();
		assertThat(accumulator.error()).isNotNull();
		assertThat(accumulator.error().code()).isEqualTo("1301");
	}

	@Test
	void aStreamWithoutFinishReasonIsNotFinished() {
		feed("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"half an ans\"}}]}");

		assertThat(accumulator.isFinished()).isFalse();
		assertThat(accumulator.error()).isNull();
	}

	@Test
	void joinsArgumentFragmentsPerIndexInArrivalOrder() {
		feed("data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"call_a\",\"index\":0,\"type\":\"function\",\"function\":{\"name\":\"first\",\"arguments\":\"\"}}]}}]}",
				"data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\": \"}}]}}]}",
				"data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"call_b\",\"index\":1,\"type\":\"function\",\"function\":{\"name\":\"second\",\"arguments\":\"{}\"}}]}}]}",
				"data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"1}\"}}]}}]}",
				"data: {\"choices\":[{\"index\":0,\"finish_reason\":\"tool_calls\",\"delta\":{\"content\":\"\"}}]}");

		Completion completion = accumulator.toCompletion();

		assertThat(completion.finishReason()).isEqualTo("tool_calls");
		assertThat(completion.toolCalls()).containsExactly(new ToolCall("call_a", "first", "{\"a\": 1}"),
				new ToolCall("call_b", "second", "{}"));
	}

	@Test
	void takesArgumentsSentAsAnObjectWhole() {
		feed("data: {\"choices\":[{\"index\":0,\"finish_reason\":\"tool_calls\",\"delta\":{\"tool_calls\":[{\"id\":\"call_1\",\"index\":0,\"type\":\"function\",\"function\":{\"name\":\"record_fields\",\"arguments\":{\"total\":12.5}}}]}}]}");

		assertThat(accumulator.toCompletion().toolCalls())
			.containsExactly(new ToolCall("call_1", "record_fields", "{\"total\":12.5}"));
	}

	private void feed(String... lines) {
		for (String line : lines) {
			assertThat(accumulator.accept(line)).as(line).isFalse();
		}
	}

}
