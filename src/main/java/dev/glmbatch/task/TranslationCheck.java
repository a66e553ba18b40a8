package dev.glmbatch.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a translation against its source: not empty, not the source echoed back, every
 * placeholder and every number kept.
 */
final class TranslationCheck {

	// {x}, {{x}}, ${x}, %s, %1$s, %d, %.2f, and markup tags such as <b>, </b>, <br/>
	private static final Pattern PLACEHOLDER = Pattern.compile(
			"\\{\\{[^{}]*\\}\\}|\\$\\{[^{}]*\\}|\\{[^{}\\s]*\\}|%(?:\\d+\\$)?[-#+ 0,(]*\\d*(?:\\.\\d+)?[sdfiuxXeEgGc%]|</?[A-Za-z][A-Za-z0-9]*(?:\\s[^<>]*)?/?>");

	// digits with optional grouping or decimal separators; compared without the
	// separators, which translation adapts
	private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,\u00A0\u202F ]\\d+)*");

	private static final Pattern LETTER = Pattern.compile("\\p{L}");

	private final List<String> doNotTranslate;

	TranslationCheck(List<String> doNotTranslate) {
		this.doNotTranslate = List.copyOf(doNotTranslate);
	}

	/** The first problem found, or empty when the translation passes. */
	Optional<String> problem(String source, String translation) {
		if (translation.isBlank()) {
			return Optional.of("the answer is empty");
		}
		if (isEcho(source, translation)) {
			return Optional.of("the answer repeats the source text untranslated");
		}
		List<String> missingPlaceholders = missing(PLACEHOLDER, source, translation, false);
		if (!missingPlaceholders.isEmpty()) {
			return Optional.of("placeholders lost: " + String.join(" ", missingPlaceholders));
		}
		List<String> missingNumbers = missing(NUMBER, source, translation, true);
		if (!missingNumbers.isEmpty()) {
			return Optional.of("numbers lost: " + String.join(" ", missingNumbers));
		}
		return Optional.empty();
	}

	private boolean isEcho(String source, String translation) {
		String a = normalise(source);
		if (!a.equals(normalise(translation))) {
			return false;
		}
		// text without letters (codes, numbers) and protected terms legitimately stay the
		// same
		boolean hasLetters = LETTER.matcher(source).find();
		boolean protectedTerm = doNotTranslate.stream().anyMatch(term -> normalise(term).equals(a));
		return hasLetters && !protectedTerm;
	}

	private static String normalise(String text) {
		return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

	private static List<String> missing(Pattern pattern, String source, String translation, boolean digitsOnly) {
		Map<String, Integer> available = new HashMap<>();
		for (String token : tokens(pattern, translation, digitsOnly)) {
			available.merge(token, 1, Integer::sum);
		}
		List<String> missing = new ArrayList<>();
		for (String token : tokens(pattern, source, digitsOnly)) {
			Integer left = available.get(token);
			if (left == null || left == 0) {
				missing.add(token);
			}
			else {
				available.put(token, left - 1);
			}
		}
		return missing;
	}

	private static List<String> tokens(Pattern pattern, String text, boolean digitsOnly) {
		List<String> tokens = new ArrayList<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			String token = matcher.group();
			tokens.add(digitsOnly ? token.replaceAll("\\D", "") : token.toLowerCase(Locale.ROOT));
		}
		return tokens;
	}

}
