package dev.glmbatch.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plausible answers for prompts shaped like classification, summary and generation tasks, recognised from the prompt
 * text alone (see {@link AnswerComposer} for the rules).
 */
final class TaskAnswers {

	static final String LABELS_HEADING = "Labels (choose only from these):";

	static final String SUMMARY_OPENING = "You summarise texts";

	static final String SCHEMA_HEADING = "Output JSON Schema:";

	/** The label a model "unsure" without thinking gives: never a listed one. */
	static final String UNSURE_LABEL = "unsure";

	private static final Pattern INJECTED_ANSWER = Pattern.compile(
			"ignore (?:all )?(?:previous|prior|the above) instructions.*?\\banswer\\s+\"?([\\p{L}\\p{N}_-]+)",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static final Pattern LENGTH = Pattern.compile("in at most (\\d+) (words|bullets)");

	private final ObjectMapper mapper;

	TaskAnswers(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	static boolean isTaskPrompt(SimulatedRequest request) {
		String system = system(request);
		return system.contains(LABELS_HEADING) || system.startsWith(SUMMARY_OPENING)
				|| system.contains(SCHEMA_HEADING);
	}

	@Nullable String answer(SimulatedRequest request) {
		String system = system(request);
		List<String> data = AnswerComposer.lastDataBlocks(request);
		if (data.isEmpty()) {
			return null;
		}
		if (system.contains(LABELS_HEADING)) {
			return classification(request, labels(system), String.join("\n", data));
		}
		if (system.startsWith(SUMMARY_OPENING)) {
			return summary(request, String.join("\n", data));
		}
		int schemaAt = system.indexOf(SCHEMA_HEADING);
		if (schemaAt >= 0 && request.jsonMode()) {
			return generated(request, system.substring(schemaAt + SCHEMA_HEADING.length()), data);
		}
		return null;
	}

	private String classification(SimulatedRequest request, List<String[]> labels, String item) {
		String chosen = null;
		String reason;
		double confidence = 0.9;
		Matcher injected = INJECTED_ANSWER.matcher(item);
		if (injected.find()) {
			// a worst-case model that obeys the row: the task's validator has to stop it
			chosen = injected.group(1);
			reason = "The item asked for this answer.";
		}
		else {
			String lower = item.toLowerCase(Locale.ROOT);
			reason = "";
			for (String[] label : labels) {
				String term = matchingTerm(label, lower);
				if (term != null) {
					chosen = label[0];
					reason = "The item mentions '" + term + "'.";
					break;
				}
			}
			if (chosen == null && !labels.isEmpty()) {
				if (request.thinking()) {
					chosen = labels.get(new SplittableRandom(request.answerSeed()).nextInt(labels.size()))[0];
					confidence = 0.6;
					reason = "After weighing the options this label fits best.";
				}
				else {
					chosen = UNSURE_LABEL;
					confidence = 0.3;
					reason = "No label clearly applies.";
				}
			}
		}
		ObjectNode json = mapper.createObjectNode();
		json.putArray("labels").add((chosen != null) ? chosen : UNSURE_LABEL);
		json.put("confidence", confidence);
		json.put("reason", reason);
		return mapper.writeValueAsString(json);
	}

	private static @Nullable String matchingTerm(String[] label, String lowerItem) {
		List<String> terms = new ArrayList<>();
		terms.add(label[0]);
		if (label[1] != null) {
			for (String term : label[1].split("[,;]| and | or ")) {
				terms.add(term);
			}
		}
		for (String term : terms) {
			String key = term.strip().toLowerCase(Locale.ROOT);
			if (key.length() >= 3 && Pattern.compile("\\b" + Pattern.quote(key)).matcher(lowerItem).find()) {
				return term.strip();
			}
		}
		return null;
	}

	private static String summary(SimulatedRequest request, String text) {
		Matcher length = LENGTH.matcher(request.lastUserContent());
		int count = length.find() ? Integer.parseInt(length.group(1)) : 40;
		boolean bullets = length.find(0) && length.group(2).equals("bullets");
		String[] words = text.strip().split("\\s+");
		if (bullets) {
			List<String> lines = new ArrayList<>();
			String[] sentences = text.strip().split("(?<=[.!?])\\s+");
			for (int i = 0; i < Math.min(count, sentences.length); i++) {
				String[] sentenceWords = sentences[i].split("\\s+");
				lines.add("- " + String.join(" ", List.of(sentenceWords).subList(0, Math.min(10, sentenceWords.length))));
			}
			return String.join("\n", lines);
		}
		int kept = Math.max(1, Math.min(words.length, count - 2));
		return "Summary: " + String.join(" ", List.of(words).subList(0, kept));
	}

	private @Nullable String generated(SimulatedRequest request, String schemaText, List<String> values) {
		JsonNode schema;
		try {
			// the schema is followed by more rules: read the first JSON value only
			schema = mapper.readerFor(JsonNode.class)
				.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
				.readValue(schemaText.strip());
		}
		catch (JacksonException ex) {
			return null;
		}
		SplittableRandom random = new SplittableRandom(request.answerSeed());
		String seedText = values.isEmpty() ? "item" : values.get(0).strip();
		JsonNode value = valueFor(schema, "value", seedText, random);
		return mapper.writeValueAsString(value);
	}

	private JsonNode valueFor(JsonNode schema, String name, String seedText, SplittableRandom random) {
		JsonNode enumValues = schema.get("enum");
		if (enumValues != null && enumValues.isArray() && !enumValues.isEmpty()) {
			return enumValues.get(random.nextInt(enumValues.size()));
		}
		String type = schema.path("type").asString("string");
		switch (type) {
			case "object" -> {
				ObjectNode object = mapper.createObjectNode();
				for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").properties().iterator(); it
					.hasNext();) {
					Map.Entry<String, JsonNode> property = it.next();
					object.set(property.getKey(), valueFor(property.getValue(), property.getKey(), seedText, random));
				}
				return object;
			}
			case "array" -> {
				ArrayNode array = mapper.createArrayNode();
				int items = Math.max(1, schema.path("minItems").asInt(1));
				for (int i = 0; i < items; i++) {
					array.add(valueFor(schema.path("items"), name, seedText, random));
				}
				return array;
			}
			case "integer" -> {
				int min = schema.path("minimum").asInt(0);
				int max = schema.path("maximum").asInt(min + 100);
				return mapper.getNodeFactory().numberNode(min + random.nextInt(Math.max(1, max - min + 1)));
			}
			case "number" -> {
				double min = schema.path("minimum").asDouble(0);
				double max = schema.path("maximum").asDouble(min + 1);
				return mapper.getNodeFactory().numberNode(Math.round((min + random.nextDouble() * (max - min)) * 100) / 100.0);
			}
			case "boolean" -> {
				return mapper.getNodeFactory().booleanNode(random.nextBoolean());
			}
			default -> {
				String text = "Simulated " + name + " for " + firstWords(seedText, 6);
				int maxLength = schema.path("maxLength").asInt(Integer.MAX_VALUE);
				return mapper.getNodeFactory().stringNode(text.substring(0, Math.min(text.length(), maxLength)));
			}
		}
	}

	private static String firstWords(String text, int count) {
		String[] words = text.strip().split("\\s+");
		return String.join(" ", List.of(words).subList(0, Math.min(count, words.length)));
	}

	/**
	 * The arguments of a call to a function with this parameter schema: every property filled with a value of its
	 * type, taken from the item's text where a property's name says what to look for (amounts, prices and quantities
	 * from the numbers in the text, currency codes from codes or symbols, dates, e-mail addresses, enum members that
	 * occur in it). A required property the text gives nothing for gets a value made up from the request hash; any
	 * other such property is left out, as a model told to take every value from the item would.
	 * @param request the request; its item is its last data blocks, or else its last user message
	 * @param schema the function's parameter schema
	 * @param breakSchema leave out the required properties and give the first remaining one a value of the wrong type
	 * @return the arguments object
	 */
	ObjectNode arguments(SimulatedRequest request, JsonNode schema, boolean breakSchema) {
		List<String> data = AnswerComposer.lastDataBlocks(request);
		String item = data.isEmpty() ? request.lastUserContent() : String.join("\n", data);
		ItemFacts facts = new ItemFacts(item);
		SplittableRandom random = new SplittableRandom(request.answerSeed());
		ObjectNode arguments = object(schema, facts, random);
		if (breakSchema) {
			for (JsonNode required : schema.path("required")) {
				arguments.remove(required.asString());
			}
			for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
				if (arguments.has(property.getKey())) {
					String type = property.getValue().path("type").asString("value");
					arguments.set(property.getKey(), type.equals("string") ? mapper.getNodeFactory().numberNode(0)
							: mapper.getNodeFactory().stringNode("not a " + type));
					break;
				}
			}
		}
		return arguments;
	}

	private ObjectNode object(JsonNode schema, ItemFacts facts, SplittableRandom random) {
		List<String> required = new ArrayList<>();
		schema.path("required").forEach(name -> required.add(name.asString()));
		ObjectNode object = mapper.createObjectNode();
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			JsonNode value = extracted(property.getValue(), property.getKey(), facts, random);
			if (value == null && required.contains(property.getKey())) {
				value = valueFor(property.getValue(), property.getKey(), facts.text(), random);
			}
			if (value != null) {
				object.set(property.getKey(), value);
			}
		}
		return object;
	}

	/** The value the text gives for a property, or {@code null} when it gives none. */
	private @Nullable JsonNode extracted(JsonNode schema, String name, ItemFacts facts, SplittableRandom random) {
		String key = name.toLowerCase(Locale.ROOT);
		JsonNode enumValues = schema.get("enum");
		if (enumValues != null && enumValues.isArray() && !enumValues.isEmpty()) {
			String found = facts.text(key);
			for (JsonNode member : enumValues) {
				if (member.isString() && (member.stringValue().equals(found) || facts.mentions(member.stringValue()))) {
					return member;
				}
			}
			return null;
		}
		String type = schema.path("type").asString("string");
		switch (type) {
			case "object" -> {
				return object(schema, facts, random);
			}
			case "array" -> {
				JsonNode item = extracted(schema.path("items"), name, facts, random);
				return (item != null) ? mapper.createArrayNode().add(item) : null;
			}
			case "integer", "number" -> {
				BigDecimal found = facts.number(key, type.equals("integer"));
				double min = schema.path("minimum").asDouble(-Double.MAX_VALUE);
				double max = schema.path("maximum").asDouble(Double.MAX_VALUE);
				if (found == null || found.doubleValue() < min || found.doubleValue() > max) {
					return null;
				}
				return type.equals("integer") ? mapper.getNodeFactory().numberNode(found.toBigInteger())
						: mapper.getNodeFactory().numberNode(found);
			}
			case "boolean" -> {
				return mapper.getNodeFactory().booleanNode(facts.mentions(name.replace('_', ' ')));
			}
			default -> {
				String found = facts.text(key);
				if (found == null) {
					return null;
				}
				int maxLength = schema.path("maxLength").asInt(Integer.MAX_VALUE);
				return mapper.getNodeFactory().stringNode(found.substring(0, Math.min(found.length(), maxLength)));
			}
		}
	}

	/** The labels listed under the heading: name and description (or {@code null}). */
	private static List<String[]> labels(String system) {
		List<String[]> labels = new ArrayList<>();
		boolean inside = false;
		for (String line : system.lines().toList()) {
			if (line.strip().equals(LABELS_HEADING)) {
				inside = true;
				continue;
			}
			if (inside) {
				if (!line.startsWith("- ")) {
					break;
				}
				String entry = line.substring(2);
				int colon = entry.indexOf(": ");
				labels.add((colon > 0) ? new String[] { entry.substring(0, colon).strip(), entry.substring(colon + 2) }
						: new String[] { entry.strip(), null });
			}
		}
		return labels;
	}

	private static String system(SimulatedRequest request) {
		return (!request.messages().isEmpty() && request.messages().get(0).role().equals("system"))
				? request.messages().get(0).content() : "";
	}

}
