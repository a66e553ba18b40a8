package dev.glmbatch.jobdef;

import java.util.Objects;

/**
 * A single YAML value.
 *
 * @param text the value as written (for a number, its digits; for a null, the empty
 * string)
 * @param kind what the YAML parser took the value for
 */
record YamlScalar(String path, int line, String text, Kind kind) implements YamlNode {

	private static final int QUOTED_TEXT_LIMIT = 40;

	YamlScalar {
		Objects.requireNonNull(text, "text");
		Objects.requireNonNull(kind, "kind");
	}

	boolean isNull() {
		return kind == Kind.NULL;
	}

	@Override
	public String describe() {
		return switch (kind) {
			case NULL -> "no value";
			case BOOLEAN -> "the value " + text;
			case INTEGER, DECIMAL -> "the number " + text;
			case TEXT -> "the text '" + shortened(text) + "'";
		};
	}

	private static String shortened(String text) {
		return (text.length() <= QUOTED_TEXT_LIMIT) ? text : text.substring(0, QUOTED_TEXT_LIMIT) + "…";
	}

	enum Kind {

		TEXT, INTEGER, DECIMAL, BOOLEAN, NULL

	}

}
