package dev.glmbatch.simulator;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a simulated extraction can find in an item's text, looked up by the name of the
 * property to fill: amounts, quantities, currency codes, dates, e-mail addresses,
 * references and company names. Names are matched by the words they contain
 * ({@code total_amount} is an amount, {@code currency_code} a currency), the way a model
 * reads them.
 */
final class ItemFacts {

	/**
	 * A number with optional thousands separators and fraction: the whole part is group
	 * 1, the fraction group 2.
	 */
	private static final String WHOLE = "(\\d{1,3}(?:,\\d{3})+|\\d+)";

	private static final String AMOUNT = WHOLE + "(?:\\.(\\d+))?";

	private static final String CODES = "(?:EUR|USD|GBP|JPY|CHF|CNY|CAD|AUD|SEK|NOK|DKK|PLN)";

	private static final Pattern NUMBER = Pattern.compile("(?<![\\w.,])" + AMOUNT + "(?!\\w)");

	/**
	 * An amount after a currency sign or code (groups 1, 2), or before one (groups 3, 4).
	 */
	private static final Pattern MONEY = Pattern
		.compile("(?:[$€£¥]\\s?|\\b" + CODES + "\\s?)" + AMOUNT + "|" + AMOUNT + "\\s?(?:[€£]|\\b" + CODES + "\\b)");

	/**
	 * A count after "qty" (group 1), or before "x", "pcs", "units" and the like (group
	 * 2).
	 */
	private static final Pattern QUANTITY = Pattern.compile("(?i)(?:\\b(?:qty|quantity)[:\\s]*" + WHOLE
			+ ")|(?:(?<![\\d,.])" + WHOLE + "\\s?(?:x\\b|×|pcs\\b|pieces\\b|units\\b|items\\b|boxes\\b))");

	private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s?%");

	private static final Pattern CURRENCY_CODE = Pattern.compile("\\b(" + CODES + ")\\b");

	private static final Map<String, String> CURRENCY_SYMBOLS = Map.of("€", "EUR", "$", "USD", "£", "GBP", "¥", "JPY");

	private static final Pattern DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");

	private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");

	private static final Pattern REFERENCE = Pattern.compile("\\b([A-Z]{2,}[-/]?\\d[\\w/-]*|[A-Z][-/]\\d[\\w/-]*)");

	/** Capitalised words after "from", "by", "vendor:" and the like. */
	private static final Pattern COMPANY = Pattern.compile("(?i:\\b(?:from|by|vendor|supplier|seller|merchant)\\b)"
			+ "[:\\s]+(\\p{Lu}[\\w&'.-]*(?:\\s+(?:\\p{Lu}[\\w&'.-]*|&))*)", Pattern.UNICODE_CHARACTER_CLASS);

	private final String text;

	ItemFacts(String text) {
		this.text = text;
	}

	String text() {
		return this.text;
	}

	boolean mentions(String term) {
		return !term.isBlank() && Pattern
			.compile("\\b" + Pattern.quote(term.strip()) + "\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
			.matcher(this.text)
			.find();
	}

	/**
	 * A number for a property of this (lower-case) name, or {@code null} when the text
	 * has none that fits.
	 */
	@Nullable BigDecimal number(String name, boolean integer) {
		BigDecimal found;
		if (has(name, "qty", "quantity", "count", "units", "pieces", "items")) {
			found = quantity();
		}
		else if (has(name, "total", "amount", "sum", "gross", "due", "balance")) {
			found = money().stream().max(Comparator.naturalOrder()).orElse(null);
		}
		else if (has(name, "price", "cost", "unit", "net", "fee", "value")) {
			found = money().stream().min(Comparator.naturalOrder()).orElse(null);
		}
		else if (has(name, "tax", "vat", "rate", "percent", "discount")) {
			Matcher percent = PERCENT.matcher(this.text);
			found = percent.find() ? new BigDecimal(percent.group(1)) : null;
		}
		else {
			List<BigDecimal> numbers = numbers(NUMBER, 1, 2);
			found = numbers.isEmpty() ? null : numbers.get(0);
		}
		if (found != null && integer && found.stripTrailingZeros().scale() > 0) {
			return null;
		}
		return found;
	}

	/**
	 * A text for a property of this (lower-case) name, or {@code null} when the name says
	 * nothing the text has.
	 */
	@Nullable String text(String name) {
		if (has(name, "currency")) {
			Matcher code = CURRENCY_CODE.matcher(this.text);
			if (code.find()) {
				return code.group(1);
			}
			for (Map.Entry<String, String> symbol : CURRENCY_SYMBOLS.entrySet()) {
				if (this.text.contains(symbol.getKey())) {
					return symbol.getValue();
				}
			}
			return null;
		}
		if (has(name, "date", "due", "day")) {
			return first(DATE);
		}
		if (has(name, "email", "mail")) {
			return first(EMAIL);
		}
		if (has(name, "vendor", "supplier", "seller", "merchant", "company", "issuer", "brand")) {
			return first(COMPANY);
		}
		if (has(name, "invoice", "reference", "ref", "number", "id", "sku", "code", "order")) {
			return first(REFERENCE);
		}
		return null;
	}

	private static boolean has(String name, String... words) {
		List<String> parts = List.of(name.split("[_\\-\\s]+|(?<=[a-z])(?=[A-Z])"))
			.stream()
			.map(part -> part.toLowerCase(Locale.ROOT))
			.toList();
		for (String word : words) {
			if (parts.contains(word)) {
				return true;
			}
		}
		return false;
	}

	private @Nullable String first(Pattern pattern) {
		Matcher matcher = pattern.matcher(this.text);
		if (!matcher.find()) {
			return null;
		}
		return (matcher.groupCount() > 0 ? matcher.group(1) : matcher.group()).strip();
	}

	private @Nullable BigDecimal quantity() {
		Matcher matcher = QUANTITY.matcher(this.text);
		if (!matcher.find()) {
			return null;
		}
		return decimal((matcher.group(1) != null) ? matcher.group(1) : matcher.group(2), null);
	}

	private List<BigDecimal> money() {
		List<BigDecimal> amounts = new ArrayList<>();
		Matcher matcher = MONEY.matcher(this.text);
		while (matcher.find()) {
			amounts.add((matcher.group(1) != null) ? decimal(matcher.group(1), matcher.group(2))
					: decimal(matcher.group(3), matcher.group(4)));
		}
		return amounts;
	}

	private List<BigDecimal> numbers(Pattern pattern, int whole, int fraction) {
		List<BigDecimal> numbers = new ArrayList<>();
		Matcher matcher = pattern.matcher(this.text);
		while (matcher.find()) {
			numbers.add(decimal(matcher.group(whole), matcher.group(fraction)));
		}
		return numbers;
	}

	private static BigDecimal decimal(String whole, @Nullable String fraction) {
		String digits = whole.replace(",", "");
		return new BigDecimal((fraction != null) ? digits + "." + fraction : digits);
	}

}
