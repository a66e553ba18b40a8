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
 * Plausible answers for prompts shaped like classification, summary and generation tasks,
 * recognised from the prompt text alone (see {@link AnswerComposer} for the rules).
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

	/** The rule of a multi-label classification prompt. */
	private static final String MULTI_LABEL = "Choose every label that applies";

	/** Labels a model picks when no other applies. */
	private static final List<String> FALLBACK_LABELS = List.of("other", "others", "misc", "miscellaneous", "general",
			"neutral", "none", "unknown", "unclassified");

	/**
	 * Words that suggest common label names, as a model would know without a description:
	 * support categories, sentiment, priority, intent and spam.
	 */
	private static final Map<String, List<String>> LEXICON = Map.ofEntries(
			Map.entry("billing",
					List.of("invoice", "charged", "refund", "payment", "paid", "price", "subscription", "bill")),
			Map.entry("payment", List.of("invoice", "charged", "card", "paid", "refund")),
			Map.entry("refund", List.of("money back", "charged", "return")),
			Map.entry("technical",
					List.of("error", "crash", "bug", "outage", "not working", "broken", "fails", "freezes", "slow")),
			Map.entry("bug", List.of("error", "crash", "broken", "fails")),
			Map.entry("account",
					List.of("password", "login", "log in", "sign in", "email address", "profile", "two-factor",
							"locked")),
			Map.entry("shipping",
					List.of("delivery", "delivered", "parcel", "package", "tracking", "courier", "arrived")),
			Map.entry("delivery", List.of("parcel", "package", "tracking", "courier", "arrived", "shipped")),
			Map.entry("positive",
					List.of("great", "love", "excellent", "happy", "perfect", "recommend", "amazing", "good",
							"fantastic", "thank", "works well")),
			Map.entry("negative",
					List.of("bad", "poor", "terrible", "awful", "broken", "disappointed", "hate", "worst", "useless",
							"waste", "never again")),
			Map.entry("neutral", List.of("okay", "average", "as expected", "fine")),
			Map.entry("praise", List.of("great", "love", "excellent", "thank", "amazing")),
			Map.entry("complaint", List.of("bad", "terrible", "disappointed", "unacceptable", "broken", "worst")),
			Map.entry("question", List.of("how do", "how can", "what is", "where", "when", "can i")),
			Map.entry("urgent", List.of("asap", "immediately", "critical", "down", "emergency", "urgent")),
			Map.entry("high", List.of("asap", "immediately", "critical", "down", "emergency", "urgent")),
			Map.entry("low", List.of("whenever", "no rush", "minor", "suggestion")),
			Map.entry("spam", List.of("winner", "prize", "click here", "free money", "lottery", "offer")),
			Map.entry("cancellation", List.of("cancel", "terminate", "unsubscribe")),
			Map.entry("feature", List.of("would be nice", "please add", "suggestion", "wish")),
			Map.entry("sales", List.of("quote", "pricing", "discount", "purchase", "buy")));

	private final ObjectMapper mapper;

	TaskAnswers(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	static boolean isTaskPrompt(SimulatedRequest request) {
		String system = system(request);
		return system.contains(LABELS_HEADING) || system.startsWith(SUMMARY_OPENING) || system.contains(SCHEMA_HEADING);
	}

	@Nullable String answer(SimulatedRequest request) {
		String system = system(request);
		List<String> data = AnswerComposer.lastDataBlocks(request);
		if (data.isEmpty()) {
			return null;
		}
		if (system.contains(LABELS_HEADING)) {
			return classification(request, labels(system), String.join("\n", data), system.contains(MULTI_LABEL));
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

	private String classification(SimulatedRequest request, List<String[]> labels, String item, boolean multi) {
		List<String> chosen = new ArrayList<>();
		String reason;
		double confidence;
		Matcher injected = INJECTED_ANSWER.matcher(item);
		if (injected.find()) {
			// a worst-case model that obeys the row: the task's validator has to stop it
			chosen.add(injected.group(1));
			confidence = 0.9;
			reason = "The item asked for this answer.";
		}
		else {
			String lower = item.toLowerCase(Locale.ROOT);
			int best = 0;
			String bestTerm = "";
			List<String> matched = new ArrayList<>();
			for (String[] label : labels) {
				List<String> terms = matchingTerms(label, lower);
				if (!terms.isEmpty()) {
					matched.add(label[0]);
				}
				if (terms.size() > best) {
					best = terms.size();
					bestTerm = terms.get(0);
					chosen.clear();
					chosen.add(label[0]);
				}
			}
			if (multi && !matched.isEmpty()) {
				chosen = matched;
			}
			if (!chosen.isEmpty()) {
				confidence = (best >= 2) ? 0.92 : 0.78;
				reason = "The item mentions '" + bestTerm + "'.";
			}
			else {
				String fallback = fallbackLabel(labels);
				if (fallback != null) {
					chosen.add(fallback);
					confidence = 0.55;
					reason = "No specific label applies, so the general one fits.";
				}
				else if (request.thinking() && !labels.isEmpty()) {
					chosen.add(labels.get(new SplittableRandom(request.answerSeed()).nextInt(labels.size()))[0]);
					confidence = 0.6;
					reason = "After weighing the options this label fits best.";
				}
				else {
					chosen.add(UNSURE_LABEL);
					confidence = 0.3;
					reason = "No label clearly applies.";
				}
			}
		}
		ObjectNode json = mapper.createObjectNode();
		ArrayNode names = json.putArray("labels");
		chosen.forEach(names::add);
		json.put("confidence", confidence);
		json.put("reason", reason);
		return mapper.writeValueAsString(json);
	}

	/**
	 * The terms of a label found in the item: the label's name and its words, the terms
	 * of its description, and the built-in {@link #LEXICON} words for a common label
	 * name; each matched at the start of a word, allowing other endings ({@code charged}
	 * matches {@code charge}, {@code billing} matches {@code billed}).
	 */
	private static List<String> matchingTerms(String[] label, String lowerItem) {
		List<String> terms = new ArrayList<>();
		String name = label[0].toLowerCase(Locale.ROOT);
		terms.add(name);
		for (String part : name.split("[\\s_/&+.-]+")) {
			terms.add(part);
			terms.addAll(LEXICON.getOrDefault(part, List.of()));
		}
		terms.addAll(LEXICON.getOrDefault(name, List.of()));
		if (label[1] != null) {
			for (String term : label[1].split("[,;]| and | or ")) {
				terms.add(term);
			}
		}
		List<String> found = new ArrayList<>();
		for (String term : terms) {
			String key = term.strip().toLowerCase(Locale.ROOT);
			if (key.length() < 3 || found.contains(key)) {
				continue;
			}
			// a stem: the word without its last letters, so that other forms of it match
			// too
			String stem = (key.contains(" ") || key.length() <= 4) ? key
					: key.substring(0, Math.max(4, key.length() - 3));
			if (Pattern.compile("\\b" + Pattern.quote(stem)).matcher(lowerItem).find()) {
				found.add(key);
			}
		}
		return found;
	}

	/**
	 * A label meant for items that fit no other ({@code other}, {@code neutral}, ...), or
	 * {@code null}.
	 */
	private static @Nullable String fallbackLabel(List<String[]> labels) {
		for (String[] label : labels) {
			if (FALLBACK_LABELS.contains(label[0].toLowerCase(Locale.ROOT))) {
				return label[0];
			}
		}
		return null;
	}

	/**
	 * The first sentences of the text that fit the length: whole sentences while they fit
	 * ({@code in at most N
	 * words}), cut at the limit when the first alone is longer; or the first sentence of
	 * each paragraph, shortened, as bullets ({@code in at most N bullets}).
	 */
	private static String summary(SimulatedRequest request, String text) {
		Matcher length = LENGTH.matcher(request.lastUserContent());
		boolean found = length.find();
		int count = found ? Integer.parseInt(length.group(1)) : 40;
		boolean bullets = found && length.group(2).equals("bullets");
		List<String> sentences = new ArrayList<>();
		for (String sentence : withoutHeadings(text).split("(?<=[.!?])\\s+")) {
			if (!sentence.isBlank()) {
				sentences.add(sentence.strip().replaceAll("\\s+", " "));
			}
		}
		if (bullets) {
			List<String> lines = new ArrayList<>();
			for (int i = 0; i < Math.min(count, sentences.size()); i++) {
				lines.add("- " + firstWords(sentences.get(i), 12));
			}
			return String.join("\n", lines);
		}
		StringBuilder summary = new StringBuilder();
		int words = 0;
		for (String sentence : sentences) {
			int sentenceWords = sentence.split(" ").length;
			if (words + sentenceWords > count) {
				if (words == 0) {
					summary.append(firstWords(sentence, Math.max(1, count)));
				}
				break;
			}
			summary.append((words > 0) ? " " : "").append(sentence);
			words += sentenceWords;
		}
		return summary.toString();
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
		if (schema.has("const")) {
			return schema.get("const");
		}
		JsonNode enumValues = schema.get("enum");
		if (enumValues != null && enumValues.isArray() && !enumValues.isEmpty()) {
			return enumValues.get(random.nextInt(enumValues.size()));
		}
		JsonNode alternatives = schema.has("anyOf") ? schema.get("anyOf") : schema.get("oneOf");
		if (alternatives != null && alternatives.isArray() && !alternatives.isEmpty()) {
			return valueFor(alternatives.get(0), name, seedText, random);
		}
		String type = typeOf(schema);
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
			case "null" -> {
				return mapper.getNodeFactory().nullNode();
			}
			case "array" -> {
				ArrayNode array = mapper.createArrayNode();
				int items = Math.min(Math.max(1, schema.path("minItems").asInt(1)), schema.path("maxItems").asInt(50));
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
				return mapper.getNodeFactory()
					.numberNode(Math.round((min + random.nextDouble() * (max - min)) * 100) / 100.0);
			}
			case "boolean" -> {
				return mapper.getNodeFactory().booleanNode(random.nextBoolean());
			}
			default -> {
				String text = switch (schema.path("format").asString("")) {
					case "date" -> "2026-01-15";
					case "date-time" -> "2026-01-15T09:30:00Z";
					case "email" -> "someone@example.com";
					case "uri", "url" -> "https://example.com/" + name;
					default -> "Simulated " + name + " for " + firstWords(seedText, 6);
				};
				int minLength = schema.path("minLength").asInt(0);
				StringBuilder padded = new StringBuilder(text);
				while (padded.length() < minLength) {
					padded.append(" and more");
				}
				int maxLength = schema.path("maxLength").asInt(Integer.MAX_VALUE);
				return mapper.getNodeFactory().stringNode(padded.substring(0, Math.min(padded.length(), maxLength)));
			}
		}
	}

	/**
	 * The schema's type: its one type, the first non-null one of a list, or else
	 * {@code string}.
	 */
	private static String typeOf(JsonNode schema) {
		JsonNode type = schema.path("type");
		if (type.isArray()) {
			for (JsonNode item : type) {
				if (!item.asString("").equals("null")) {
					return item.asString("string");
				}
			}
			return type.isEmpty() ? "string" : "null";
		}
		if (type.isString()) {
			return type.asString();
		}
		return schema.has("properties") ? "object" : "string";
	}

	/**
	 * The text without its headings, as a reader would summarise it: a paragraph that is
	 * one short line (at most ten words) not ending as a sentence does. The text itself
	 * when nothing else is left.
	 */
	private static String withoutHeadings(String text) {
		List<String> paragraphs = new ArrayList<>();
		for (String paragraph : text.strip().split("\\R\\s*\\R")) {
			String line = paragraph.strip();
			boolean heading = !line.contains("\n") && line.split("\\s+").length <= 10 && !line.matches(".*[.!?:;,]$");
			if (!heading) {
				paragraphs.add(line);
			}
		}
		return paragraphs.isEmpty() ? text.strip() : String.join("\n\n", paragraphs);
	}

	private static String firstWords(String text, int count) {
		String[] words = text.strip().split("\\s+");
		return String.join(" ", List.of(words).subList(0, Math.min(count, words.length)));
	}

	/**
	 * The arguments of a call to a function with this parameter schema: every property
	 * filled with a value of its type, taken from the item's text where a property's name
	 * says what to look for (amounts, prices and quantities from the numbers in the text,
	 * currency codes from codes or symbols, dates, e-mail addresses, enum members that
	 * occur in it). A required property the text gives nothing for gets a value made up
	 * from the request hash; any other such property is left out, as a model told to take
	 * every value from the item would.
	 * @param request the request; its item is its last data blocks, or else its last user
	 * message
	 * @param schema the function's parameter schema
	 * @param breakSchema leave out the required properties and give the first remaining
	 * one a value of the wrong type
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
