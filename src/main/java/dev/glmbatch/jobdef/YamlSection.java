package dev.glmbatch.jobdef;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Typed reads of one mapping of a job file, each reporting what is wrong to {@link Problems} instead of throwing.
 * <p>
 * Every reader returns {@code null} when the value is invalid (the problem is then recorded), so a binder reads all
 * keys, collects all problems and builds its record only when none was found. The {@code example} arguments are YAML
 * snippets shown in the fixes.
 */
final class YamlSection {

	private final YamlMap map;

	private final Problems problems;

	YamlSection(YamlMap map, Problems problems) {
		this.map = map;
		this.problems = problems;
	}

	boolean has(String key) {
		return map.entries().containsKey(key);
	}

	@Nullable YamlNode node(String key) {
		return map.entries().get(key);
	}

	String childPath(String key) {
		return YamlNode.childPath(map.path(), key);
	}

	/** Reports each key outside {@code allowed}, suggesting the likely intended one; secret keys are reported apart. */
	void allowOnly(List<String> allowed) {
		String where = map.path().isEmpty() ? "at the top level" : "under " + map.path();
		for (Map.Entry<String, YamlNode> entry : map.entries().entrySet()) {
			String key = entry.getKey();
			if (allowed.contains(key) || SecretKeys.isSecret(key)) {
				continue;
			}
			String suggestion = ClosestName.among(key, allowed);
			String keys = String.join(", ", allowed);
			String fix = (suggestion != null)
					? "rename it to '" + suggestion + "' (the keys allowed " + where + " are: " + keys + ")"
					: "remove it, or use one of the keys allowed " + where + ": " + keys;
			problems.add(entry.getValue(), "unknown key '" + key + "'", fix);
		}
	}

	/** A nested mapping; {@code null} when absent (a problem if required) or not a mapping. */
	@Nullable YamlSection section(String key, boolean required, String example) {
		YamlNode node = present(key, required, example);
		if (node == null) {
			return null;
		}
		if (node instanceof YamlMap nested) {
			return new YamlSection(nested, problems);
		}
		problems.add(node, "expected a section of keys but found " + node.describe(),
				"indent its keys below '" + key + ":', e.g. " + example);
		return null;
	}

	/** A non-blank single value as written; {@code null} when absent (a problem if required) or invalid. */
	@Nullable String text(String key, boolean required, String example) {
		YamlNode node = present(key, required, example);
		return (node != null) ? textOf(node, example) : null;
	}

	/** A single value of any kind, even empty; {@code null} when absent or not a single value. */
	@Nullable YamlScalar scalar(String key, String example) {
		YamlNode node = present(key, false, example);
		if (node == null) {
			return null;
		}
		if (node instanceof YamlScalar scalar) {
			return scalar;
		}
		problems.add(node, "expected a single value but found " + node.describe(), "write one value, e.g. " + example);
		return null;
	}

	/** A whole number in {@code [min, max]}; {@code defaultValue} when absent, {@code null} when invalid. */
	@Nullable Integer integer(String key, int min, int max, int defaultValue) {
		if (!has(key)) {
			return defaultValue;
		}
		String example = key + ": " + defaultValue;
		YamlNode node = present(key, false, example);
		if (node == null) {
			return null;
		}
		String range = "a whole number from " + min + " to " + max;
		BigInteger value = (node instanceof YamlScalar scalar) ? integerOf(scalar) : null;
		if (value == null) {
			boolean quotedNumber = node instanceof YamlScalar scalar && scalar.kind() == YamlScalar.Kind.TEXT
					&& scalar.text().strip().matches("[-+]?\\d+");
			problems.add(node, "expected " + range + " but found " + node.describe(), quotedNumber
					? "write the number without quotes, e.g. " + example : "use " + range + ", e.g. " + example);
			return null;
		}
		if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
			problems.add(node, "expected " + range + " but found " + value, "use " + range + ", e.g. " + example);
			return null;
		}
		return value.intValue();
	}

	/**
	 * A list of non-blank values; an empty list when absent and optional, {@code null} when invalid. A required list
	 * must not be empty. With {@code unique}, repeated values are problems, compared ignoring case if asked.
	 */
	@Nullable List<String> texts(String key, boolean required, boolean unique, boolean ignoreCase, String example) {
		if (!required && !has(key)) {
			return List.of();
		}
		YamlNode node = present(key, required, example);
		if (node == null) {
			return null;
		}
		if (!(node instanceof YamlList list)) {
			String fix = (node instanceof YamlScalar scalar && !scalar.text().isBlank())
					? "write it as a list, even for one value: " + key + ": [" + scalar.text() + "]"
					: "write it as a list, e.g. " + example;
			problems.add(node, "expected a list but found " + node.describe(), fix);
			return null;
		}
		if (required && list.items().isEmpty()) {
			problems.add(node, "the list is empty", "name at least one value, e.g. " + example);
			return null;
		}
		int before = problems.count();
		List<String> values = new ArrayList<>();
		Map<String, String> firstPaths = new HashMap<>();
		for (YamlNode item : list.items()) {
			String value = textOf(item, example);
			if (value == null) {
				continue;
			}
			String seen = firstPaths.putIfAbsent(ignoreCase ? value.toLowerCase(Locale.ROOT) : value, item.path());
			if (unique && seen != null) {
				problems.add(item, "'" + value + "' is listed twice (also at " + seen + ")", "remove one of them");
			}
			values.add(value);
		}
		return (problems.count() > before) ? null : values;
	}

	/** A mapping of non-blank texts to non-blank texts; empty when absent, {@code null} when invalid. */
	@Nullable Map<String, String> textMap(String key, String example) {
		if (!has(key)) {
			return Map.of();
		}
		YamlNode node = present(key, false, example);
		if (node == null) {
			return null;
		}
		if (!(node instanceof YamlMap entries)) {
			problems.add(node, "expected a mapping but found " + node.describe(),
					"write it as key: value pairs, e.g. " + example);
			return null;
		}
		int before = problems.count();
		Map<String, String> values = new LinkedHashMap<>();
		entries.entries().forEach((term, valueNode) -> {
			if (term.isBlank()) {
				problems.add(valueNode, "an entry has an empty key",
						"write the term before the colon, e.g. " + example);
			}
			String value = textOf(valueNode, example);
			if (value != null) {
				values.put(term, value);
			}
		});
		return (problems.count() > before) ? null : values;
	}

	/**
	 * One of {@code choices} (keys in lower case, matched ignoring case); {@code whenAbsent} when the key is absent,
	 * {@code null} when invalid.
	 * @param what names the kind of value in a message, e.g. {@code a thinking mode}
	 */
	<E> @Nullable E choice(String key, Map<String, E> choices, @Nullable E whenAbsent, String what, String example) {
		if (!has(key)) {
			return whenAbsent;
		}
		String text = text(key, false, example);
		if (text == null) {
			return null;
		}
		E choice = choices.get(text.strip().toLowerCase(Locale.ROOT));
		if (choice == null) {
			problems.add(nodeOrSelf(key), "'" + text + "' is not " + what,
					"use one of: " + String.join(", ", choices.keySet()));
		}
		return choice;
	}

	/** The constants of {@code type} by lower-case name, in declaration order: the choices of an enum key. */
	static <E extends Enum<E>> Map<String, E> lowerCaseNames(Class<E> type) {
		Map<String, E> names = new LinkedHashMap<>();
		for (E constant : type.getEnumConstants()) {
			names.put(constant.name().toLowerCase(Locale.ROOT), constant);
		}
		return Collections.unmodifiableMap(names);
	}

	/** The node under {@code key}, or, when absent, a stand-in at this section for locating a problem. */
	YamlNode nodeOrSelf(String key) {
		YamlNode node = node(key);
		return (node != null) ? node : new YamlScalar(childPath(key), lineForMissing(), "", YamlScalar.Kind.NULL);
	}

	private @Nullable YamlNode present(String key, boolean required, String example) {
		YamlNode node = node(key);
		if (node == null) {
			if (required) {
				String under = map.path().isEmpty() ? "at the top level" : "under " + map.path();
				problems.add(childPath(key), lineForMissing(), "the required key '" + key + "' is missing",
						"add it " + under + ", e.g. " + example);
			}
			return null;
		}
		if (node instanceof YamlScalar scalar && scalar.isNull()) {
			problems.add(node, key + " has no value", required ? "give it a value, e.g. " + example
					: "give it a value, e.g. " + example + ", or remove the line to use the default");
			return null;
		}
		return node;
	}

	private @Nullable String textOf(YamlNode node, String example) {
		if (!(node instanceof YamlScalar scalar)) {
			problems.add(node, "expected a single value but found " + node.describe(),
					"write one value, e.g. " + example);
			return null;
		}
		if (scalar.text().isBlank()) {
			problems.add(node, "the value is empty", "write a value, e.g. " + example);
			return null;
		}
		return scalar.text();
	}

	private static @Nullable BigInteger integerOf(YamlScalar scalar) {
		if (scalar.kind() != YamlScalar.Kind.INTEGER) {
			return null;
		}
		try {
			return new BigInteger(scalar.text().strip().replace("+", ""));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** A missing key is pointed at its section's line; at the top level there is no better line than none. */
	private int lineForMissing() {
		return map.path().isEmpty() ? 0 : map.line();
	}

}
