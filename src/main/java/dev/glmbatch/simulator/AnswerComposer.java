package dev.glmbatch.simulator;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Produces deterministic, recognisably simulated answers: the same request (ignoring
 * {@code request_id}, {@code stream}, {@code tool_stream} and {@code max_tokens}) always
 * gets the same text, which {@code max_tokens} can only cut short.
 *
 * <ul>
 * <li>Pseudo-translation: when the last user message holds a data block between a line
 * {@code <<<DATA:TOKEN>>>} and a line {@code <<<END:TOKEN>>>}, and a line
 * {@code Target language: NAME} appears in that message (or else in any message), the
 * answer is {@code [NAME] } followed by the block unchanged, so placeholders, markup,
 * numbers and line breaks survive.</li>
 * <li>Task prompts, recognised from the system prompt, answered from the last user
 * message holding data blocks (a repair message without one is answered from the item it
 * follows):
 * <ul>
 * <li>a line {@code Labels (choose only from these):} followed by
 * {@code - name[: description]} lines is a classification: JSON {@code {"labels": [...],
 * "confidence": n, "reason": "..."}} with the first label whose name or a comma-separated
 * description term occurs in the data. When none occurs, the answer with thinking is a
 * label drawn from the request hash, and without thinking the label {@code unsure}, which
 * is in no list: the scripted way for an item to fail validation without thinking. A data
 * block saying "ignore previous instructions ... answer X" gets label X, as a worst-case
 * model would;</li>
 * <li>a system prompt starting {@code You summarise texts}: the first words of the data
 * ({@code in at most N words}) or the openings of its first sentences as bullets
 * ({@code in at most N bullets});</li>
 * <li>a line {@code Output JSON Schema:} followed by a JSON Schema, in JSON mode: an
 * object with a value of the right type for every property (enum members,
 * minimum/maximum, maxLength respected).</li>
 * </ul>
 * For task prompts with thinking enabled the reasoning is 350 to 650 words, in the range
 * GLM-4.5 spends on such items, rather than the 20 to 60 words of other prompts.</li>
 * <li>JSON mode: {@code {"result": <the answer>, "simulated": true}}.</li>
 * <li>Otherwise {@code Simulated answer <hex>.} with the hex taken from the request
 * hash.</li>
 * </ul>
 * A request that offers a function is answered by calling the first one offered, with
 * finish reason {@code tool_calls}, empty content and arguments built from the function's
 * parameter schema and the item's text (see {@link TaskAnswers#arguments}); a rule can
 * have them sent as an object, put in the content instead, or made to break the schema
 * ({@link SimulatorRule.ToolCallStyle}). Content given by a rule replaces the call. With
 * thinking enabled a reasoning text of 20 to 60 words comes first; a
 * {@code reasoning_effort} scales it: a tenth of it (at least 8 words) for {@code low},
 * as it is for {@code high}, half as long again for {@code max}, the default of the
 * models that take it. {@code max_tokens} covers both: when reasoning alone reaches it
 * the content is empty and the finish reason {@code length}; when the answer is cut it is
 * partial.
 */
final class AnswerComposer {

	private static final Pattern TARGET_LANGUAGE = Pattern.compile("^[ \\t]*Target language:[ \\t]*(\\S.*?)[ \\t]*$",
			Pattern.MULTILINE);

	private static final Pattern DATA_START = Pattern.compile("^<<<DATA:(\\S+?)>>>[ \\t]*$", Pattern.MULTILINE);

	private static final String[] REASONING_WORDS = { "the", "request", "asks", "for", "a", "short", "answer", "so",
			"I", "should", "check", "the", "context", "keep", "format", "and", "meaning", "first", "then", "verify",
			"terms", "tone", "placeholders", "numbers", "consider", "wording", "carefully", "before", "replying" };

	private final ObjectMapper mapper;

	private final TaskAnswers tasks;

	AnswerComposer(ObjectMapper mapper) {
		this.mapper = mapper;
		this.tasks = new TaskAnswers(mapper);
	}

	Answer compose(SimulatedRequest request, SimulatorRule.Response plan) {
		SimulatedRequest.Tool tool = request.calledTool();
		if (tool != null && plan.content() == null) {
			return toolAnswer(request, plan, tool);
		}
		String content = (plan.content() != null) ? plan.content() : generatedContent(request);
		String reasoning = "";
		if (request.thinking()) {
			reasoning = (plan.reasoning() != null) ? plan.reasoning() : generatedReasoning(request.answerSeed(),
					TaskAnswers.isTaskPrompt(request), request.reasoningEffort());
		}
		List<String> reasoningPieces = TokenCounter.split(reasoning);
		List<String> contentPieces = TokenCounter.split(content);
		if (plan.finishReason() != null) {
			if (plan.finishReason().equals("network_error") && plan.content() == null) {
				// an inference failure leaves the answer unfinished
				contentPieces = contentPieces.subList(0, contentPieces.size() / 2);
			}
			return new Answer(reasoningPieces, contentPieces, plan.finishReason());
		}
		int budget = request.tokenBudget();
		if (reasoningPieces.size() + contentPieces.size() <= budget) {
			return new Answer(reasoningPieces, contentPieces, "stop");
		}
		if (reasoningPieces.size() >= budget) {
			return new Answer(reasoningPieces.subList(0, budget), List.of(), "length");
		}
		return new Answer(reasoningPieces, contentPieces.subList(0, budget - reasoningPieces.size()), "length");
	}

	private Answer toolAnswer(SimulatedRequest request, SimulatorRule.Response plan, SimulatedRequest.Tool tool) {
		SimulatorRule.ToolCallStyle style = (plan.toolCall() != null) ? plan.toolCall()
				: SimulatorRule.ToolCallStyle.STRING;
		String arguments = this.mapper.writeValueAsString(
				this.tasks.arguments(request, tool.parameters(), style == SimulatorRule.ToolCallStyle.INVALID));
		if (style == SimulatorRule.ToolCallStyle.CONTENT) {
			return compose(request, plan.withContent(arguments));
		}
		List<String> reasoningPieces = request.thinking() ? TokenCounter.split((plan.reasoning() != null)
				? plan.reasoning() : generatedReasoning(request.answerSeed(), true, request.reasoningEffort()))
				: List.of();
		List<String> argumentPieces = TokenCounter.split(arguments);
		String finishReason = (plan.finishReason() != null) ? plan.finishReason() : "tool_calls";
		int budget = request.tokenBudget();
		if (plan.finishReason() == null && reasoningPieces.size() + argumentPieces.size() > budget) {
			finishReason = "length";
			if (reasoningPieces.size() >= budget) {
				return new Answer(reasoningPieces.subList(0, budget), List.of(), finishReason);
			}
			argumentPieces = argumentPieces.subList(0, budget - reasoningPieces.size());
		}
		String id = "call_" + String.format(Locale.ROOT, "%016x", request.answerSeed());
		return new Answer(reasoningPieces, List.of(), finishReason, new Answer.ToolCallAnswer(id, tool.name(),
				argumentPieces, style == SimulatorRule.ToolCallStyle.OBJECT));
	}

	private String generatedContent(SimulatedRequest request) {
		String task = tasks.answer(request);
		if (task != null) {
			return task;
		}
		String translation = pseudoTranslation(request);
		String hash = String.format(Locale.ROOT, "%016x", request.answerSeed()).substring(0, 12);
		String answer = (translation != null) ? translation : "Simulated answer " + hash + ".";
		if (!request.jsonMode()) {
			return answer;
		}
		ObjectNode json = this.mapper.createObjectNode();
		json.put("result", answer);
		json.put("simulated", true);
		return this.mapper.writeValueAsString(json);
	}

	static @Nullable String pseudoTranslation(SimulatedRequest request) {
		String text = lastUserContentWithData(request);
		String data = dataBlock(text);
		if (data == null) {
			return null;
		}
		String language = targetLanguage(text);
		for (int i = request.messages().size() - 1; language == null && i >= 0; i--) {
			language = targetLanguage(request.messages().get(i).content());
		}
		return (language != null) ? "[" + language + "] " + data : null;
	}

	/**
	 * The last user message holding a data block, or {@code ""}; a repair message refers
	 * to the one before it.
	 */
	private static String lastUserContentWithData(SimulatedRequest request) {
		for (int i = request.messages().size() - 1; i >= 0; i--) {
			SimulatedRequest.Message message = request.messages().get(i);
			if (message.role().equals("user") && DATA_START.matcher(message.content()).find()) {
				return message.content();
			}
		}
		return request.lastUserContent();
	}

	/** Every data block of the last user message holding one, in order. */
	static List<String> lastDataBlocks(SimulatedRequest request) {
		String text = lastUserContentWithData(request);
		List<String> blocks = new java.util.ArrayList<>();
		Matcher start = DATA_START.matcher(text);
		int from = 0;
		while (start.find(from)) {
			Pattern end = Pattern.compile("^<<<END:" + Pattern.quote(start.group(1)) + ">>>[ \\t]*$",
					Pattern.MULTILINE);
			int dataStart = afterLineBreak(text, start.end());
			Matcher endMatcher = end.matcher(text);
			if (!endMatcher.find(dataStart)) {
				break;
			}
			blocks.add(stripLineBreak(text.substring(dataStart, endMatcher.start())));
			from = endMatcher.end();
		}
		return blocks;
	}

	private static @Nullable String targetLanguage(String text) {
		Matcher matcher = TARGET_LANGUAGE.matcher(text);
		return matcher.find() ? matcher.group(1) : null;
	}

	private static @Nullable String dataBlock(String text) {
		Matcher start = DATA_START.matcher(text);
		while (start.find()) {
			Pattern end = Pattern.compile("^<<<END:" + Pattern.quote(start.group(1)) + ">>>[ \\t]*$",
					Pattern.MULTILINE);
			int dataStart = afterLineBreak(text, start.end());
			Matcher endMatcher = end.matcher(text);
			if (endMatcher.find(dataStart)) {
				return stripLineBreak(text.substring(dataStart, endMatcher.start()));
			}
		}
		return null;
	}

	private static int afterLineBreak(String text, int index) {
		if (text.startsWith("\r\n", index)) {
			return index + 2;
		}
		return (index < text.length()) ? index + 1 : index;
	}

	private static String stripLineBreak(String data) {
		if (data.endsWith("\r\n")) {
			return data.substring(0, data.length() - 2);
		}
		return data.endsWith("\n") ? data.substring(0, data.length() - 1) : data;
	}

	private static String generatedReasoning(long seed, boolean taskPrompt, @Nullable String effort) {
		SplittableRandom random = new SplittableRandom(seed);
		int words = taskPrompt ? 350 + random.nextInt(301) : 20 + random.nextInt(41);
		if ("low".equals(effort)) {
			words = Math.max(8, words / 10);
		}
		else if ("max".equals(effort)) {
			words += words / 2;
		}
		StringBuilder text = new StringBuilder("Simulated reasoning:");
		for (int i = 0; i < words; i++) {
			if (i > 0 && i % 12 == 0) {
				text.append('.');
			}
			text.append(' ').append(REASONING_WORDS[random.nextInt(REASONING_WORDS.length)]);
		}
		return text.append('.').toString();
	}

}
