package dev.glmbatch.task.document;

import java.io.Writer;

/**
 * The text of a document as it is extracted, refused as soon as it passes the character
 * cap.
 */
final class BoundedText extends Writer {

	private final StringBuilder text = new StringBuilder();

	private final int maxChars;

	BoundedText(int maxChars) {
		this.maxChars = maxChars;
	}

	@Override
	public void write(char[] chars, int offset, int length) {
		append(new String(chars, offset, length));
	}

	@Override
	public BoundedText append(CharSequence chars) {
		if (text.length() + chars.length() > maxChars) {
			throw tooLong(maxChars);
		}
		text.append(chars);
		return this;
	}

	@Override
	public void write(String chars) {
		append(chars);
	}

	static UnreadableDocumentException tooLong(int maxChars) {
		return new UnreadableDocumentException(String.format(java.util.Locale.ROOT,
				"has more than %,d characters of text (max-chars); split it, or raise max-chars", maxChars));
	}

	/** The text so far. */
	@Override
	public String toString() {
		return text.toString();
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
	}

}
