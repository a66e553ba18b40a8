package dev.glmbatch.jobdef;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Typed reads of one mapping of a job file, each giving a {@link Bound} result and
 * reporting what is wrong to {@link Problems} instead of throwing.
 * <p>
 * A binder reads every key of its section, so that all problems of a file are reported
 * together, and then builds its record with {@link #complete}, which gives the record
 * only when nothing read through the section (or a section within it) was invalid. The
 * {@code example} arguments are YAML snippets shown in the fixes. Not thread-safe; one
 * instance serves one load.
 */
final class YamlSection {

	/** What a list must hold, beyond non-blank values. */
	enum ListRule {

		/** The key must be given, and the list must not be empty. */
		REQUIRED,

		/** No value may be listed twice. */
		UNIQUE,

		/**
		 * No value may be listed twice, in any case (for names that are not
		 * case-sensitive).
		 */
		UNIQUE_IGNORING_CASE

	}

	private final YamlMap map;

	private final Problems problems;

	private final @Nullable YamlSection parent;

	/** The problems reported through this section and the sections within it. */
	private final List<JobFileProblem> found = new ArrayList<>();

	YamlSection(YamlMap map, Problems problems) {
		this(map, problems, null);
	}

	private YamlSection(YamlMap map, Problems problems, @Nullable YamlSection parent) {
		this.map = map;
		this.problems = problems;
		this.parent = parent;
	}

	/**
	 * A mapping within this section, such as a list item; its problems count for this
	 * section too.
	 */
	YamlSection within(YamlMap nested) {
		return new YamlSection(nested, problems, this);
	}

	/**
	 * The same mapping for a second binder, whose problems count for the enclosing
	 * section but not for this one: a binder that completes this section then fails only
	 * for what it reads itself.
	 */
	YamlSection besideThis() {
		return new YamlSection(map, problems, parent);
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

	/**
	 * The record built from the section's values, or the problems that were found in the
	 * section.
	 */
	<T> Bound<T> complete(Supplier<T> build) {
		return found.isEmpty() ? Bound.of(build.get()) : Bound.invalid(found);
	}

	/** Records a problem found in this section. */
	JobFileProblem report(JobFileProblem problem) {
		problems.add(problem);
		for (YamlSection section = this; section != null; section = section.parent) {
			section.found.add(problem);
		}
		return problem;
	}

	/** Records a problem at {@code at}. */
	JobFileProblem report(YamlNode at, String problem, String fix) {
		return report(JobFileProblem.at(at.path(), at.line(), problem, fix));
	}

	/** Records a problem at {@code key}, or at this section when the key is absent. */
	JobFileProblem report(String key, String problem, String fix) {
		return report(nodeOrSelf(key), problem, fix);
	}

	/** Records a problem at {@code at} and gives the invalid result it makes. */
	<T> Bound<T> invalid(YamlNode at, String problem, String fix) {
		return Bound.invalid(List.of(report(at, problem, fix)));
	}

	/**
	 * Records a problem at {@code key} (or this section) and gives the invalid result it
	 * makes.
	 */
	<T> Bound<T> invalid(String key, String problem, String fix) {
		return invalid(nodeOrSelf(key), problem, fix);
	}

	/**
	 * Reports each key outside {@code allowed}, suggesting the likely intended one;
	 * secret keys are reported apart.
	 */
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
			report(entry.getValue(), "unknown key '" + key + "'", fix);
		}
	}

	/** A nested mapping that must be given. */
	Bound<YamlSection> requiredSection(String key, String example) {
		return sectionOf(present(key, true, example), key, example);
	}

	/** A nested mapping; no value when absent. */
	Bound<YamlSection> section(String key, String example) {
		return sectionOf(present(key, false, example), key, example);
	}

	private Bound<YamlSection> sectionOf(Bound<YamlNode> node, String key, String example) {
		return node.then((value) -> {
			if (value instanceof YamlMap nested) {
				return Bound.of(within(nested));
			}
			return invalid(value, "expected a section of keys but found " + value.describe(),
					"indent its keys below '" + key + ":', e.g. " + example);
		});
	}

	/** A non-blank single value as written, which must be given. */
	Bound<String> requiredText(String key, String example) {
		return present(key, true, example).then((node) -> textOf(node, example));
	}

	/** A non-blank single value as written; no value when absent. */
	Bound<String> text(String key, String example) {
		return present(key, false, example).then((node) -> textOf(node, example));
	}

	/** A single value of any kind, even empty; no value when absent. */
	Bound<YamlScalar> scalar(String key, String example) {
		return present(key, false, example).then((node) -> {
			if (node instanceof YamlScalar scalar) {
				return Bound.of(scalar);
			}
			return invalid(node, "expected a single value but found " + node.describe(),
					"write one value, e.g. " + example);
		});
	}

	/** A whole number in {@code [min, max]}; {@code defaultValue} when absent. */
	Bound<Integer> integer(String key, int min, int max, int defaultValue) {
		String example = key + ": " + defaultValue;
		return present(key, false, example).then((node) -> {
			String range = "a whole number from " + min + " to " + max;
			BigInteger value = (node instanceof YamlScalar scalar) ? integerOf(scalar) : null;
			if (value == null) {
				boolean quotedNumber = node instanceof YamlScalar scalar && scalar.kind() == YamlScalar.Kind.TEXT
						&& scalar.text().strip().matches("[-+]?\\d+");
				return invalid(node, "expected " + range + " but found " + node.describe(), quotedNumber
						? "write the number without quotes, e.g. " + example : "use " + range + ", e.g. " + example);
			}
			if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
				return invalid(node, "expected " + range + " but found " + value, "use " + range + ", e.g. " + example);
			}
			return Bound.of(value.intValue());
		}).orDefault(defaultValue);
	}

	/** {@code true} or {@code false}; {@code whenAbsent} when absent. */
	Bound<Boolean> flag(String key, boolean whenAbsent) {
		return scalar(key, key + ": true").then((scalar) -> (scalar.kind() == YamlScalar.Kind.BOOLEAN)
				? Bound.of(Boolean.parseBoolean(scalar.text().strip()))
				: this.<Boolean>invalid(scalar, "expected true or false but found " + scalar.describe(),
						"write " + key + ": true or " + key + ": false"))
			.orDefault(whenAbsent);
	}

	/**
	 * A list of non-blank values, following {@code rules}; an empty list when absent and
	 * not required.
	 */
	Bound<List<String>> texts(String key, String example, ListRule... rules) {
		Set<ListRule> ruleSet = Set.of(rules);
		boolean required = ruleSet.contains(ListRule.REQUIRED);
		boolean ignoreCase = ruleSet.contains(ListRule.UNIQUE_IGNORING_CASE);
		boolean unique = ignoreCase || ruleSet.contains(ListRule.UNIQUE);
		return present(key, required, example).then((node) -> {
			if (!(node instanceof YamlList list)) {
				String fix = (node instanceof YamlScalar scalar && !scalar.text().isBlank())
						? "write it as a list, even for one value: " + key + ": [" + scalar.text() + "]"
						: "write it as a list, e.g. " + example;
				return invalid(node, "expected a list but found " + node.describe(), fix);
			}
			if (required && list.items().isEmpty()) {
				return invalid(node, "the list is empty", "name at least one value, e.g. " + example);
			}
			List<JobFileProblem> wrong = new ArrayList<>();
			List<String> values = new ArrayList<>();
			Map<String, String> firstPaths = new HashMap<>();
			for (YamlNode item : list.items()) {
				Bound<String> value = textOf(item, example);
				wrong.addAll(value.problems());
				String text = value.orNull();
				if (text == null) {
					continue;
				}
				values.add(text);
				String seen = firstPaths.putIfAbsent(ignoreCase ? text.toLowerCase(Locale.ROOT) : text, item.path());
				if (unique && seen != null) {
					wrong.add(report(item, "'" + text + "' is listed twice (also at " + seen + ")",
							"remove one of them"));
				}
			}
			return wrong.isEmpty() ? Bound.of(List.copyOf(values)) : Bound.invalid(wrong);
		}).orDefault(List.of());
	}

	/** A mapping of non-blank texts to non-blank texts; empty when absent. */
	Bound<Map<String, String>> textMap(String key, String example) {
		return present(key, false, example).then((node) -> {
			if (!(node instanceof YamlMap entries)) {
				return invalid(node, "expected a mapping but found " + node.describe(),
						"write it as key: value pairs, e.g. " + example);
			}
			List<JobFileProblem> wrong = new ArrayList<>();
			Map<String, String> values = new LinkedHashMap<>();
			entries.entries().forEach((term, valueNode) -> {
				if (term.isBlank()) {
					wrong.add(report(valueNode, "an entry has an empty key",
							"write the term before the colon, e.g. " + example));
				}
				Bound<String> value = textOf(valueNode, example);
				wrong.addAll(value.problems());
				String text = value.orNull();
				if (text != null) {
					values.put(term, text);
				}
			});
			return wrong.isEmpty() ? Bound.of(Collections.unmodifiableMap(values)) : Bound.invalid(wrong);
		}).orDefault(Map.of());
	}

	/**
	 * One of {@code choices} (keys in lower case, matched ignoring case); no value when
	 * the key is absent.
	 * @param what names the kind of value in a message, e.g. {@code a thinking mode}
	 */
	<E> Bound<E> choice(String key, Map<String, E> choices, String what, String example) {
		return text(key, example).then((text) -> {
			E choice = choices.get(text.strip().toLowerCase(Locale.ROOT));
			return (choice != null) ? Bound.of(choice) : invalid(key, "'" + text + "' is not " + what,
					"use one of: " + String.join(", ", choices.keySet()));
		});
	}

	/**
	 * The constants of {@code type} by lower-case name, in declaration order: the choices
	 * of an enum key.
	 */
	static <E extends Enum<E>> Map<String, E> lowerCaseNames(Class<E> type) {
		Map<String, E> names = new LinkedHashMap<>();
		for (E constant : type.getEnumConstants()) {
			names.put(constant.name().toLowerCase(Locale.ROOT), constant);
		}
		return Collections.unmodifiableMap(names);
	}

	/**
	 * The node under {@code key}, or, when absent, a stand-in at this section for
	 * locating a problem.
	 */
	YamlNode nodeOrSelf(String key) {
		YamlNode node = node(key);
		return (node != null) ? node : new YamlScalar(childPath(key), lineForMissing(), "", YamlScalar.Kind.NULL);
	}

	/**
	 * The node under {@code key}; no value when absent (a problem if required), invalid
	 * when it has no value.
	 */
	private Bound<YamlNode> present(String key, boolean required, String example) {
		YamlNode node = node(key);
		if (node == null) {
			if (!required) {
				return Bound.absent();
			}
			String under = map.path().isEmpty() ? "at the top level" : "under " + map.path();
			return Bound.invalid(List.of(report(JobFileProblem.at(childPath(key), lineForMissing(),
					"the required key '" + key + "' is missing", "add it " + under + ", e.g. " + example))));
		}
		if (node instanceof YamlScalar scalar && scalar.isNull()) {
			return invalid(node, key + " has no value", required ? "give it a value, e.g. " + example
					: "give it a value, e.g. " + example + ", or remove the line to use the default");
		}
		return Bound.of(node);
	}

	private Bound<String> textOf(YamlNode node, String example) {
		if (!(node instanceof YamlScalar scalar)) {
			return invalid(node, "expected a single value but found " + node.describe(),
					"write one value, e.g. " + example);
		}
		if (scalar.text().isBlank()) {
			return invalid(node, "the value is empty", "write a value, e.g. " + example);
		}
		return Bound.of(scalar.text());
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

	/**
	 * A missing key is pointed at its section's line; at the top level there is no better
	 * line than none.
	 */
	private int lineForMissing() {
		return map.path().isEmpty() ? 0 : map.line();
	}

}
