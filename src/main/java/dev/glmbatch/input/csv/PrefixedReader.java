package dev.glmbatch.input.csv;

import java.io.IOException;
import java.io.Reader;
import java.util.Objects;

/**
 * Gives back text already consumed (the start of the file, read to detect its dialect),
 * then the rest.
 */
final class PrefixedReader extends Reader {

	private final String prefix;

	private final Reader rest;

	private int position;

	PrefixedReader(String prefix, Reader rest) {
		this.prefix = Objects.requireNonNull(prefix, "prefix");
		this.rest = Objects.requireNonNull(rest, "rest");
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, buffer.length);
		if (length == 0) {
			return 0;
		}
		if (position < prefix.length()) {
			int count = Math.min(length, prefix.length() - position);
			prefix.getChars(position, position + count, buffer, offset);
			position += count;
			return count;
		}
		return rest.read(buffer, offset, length);
	}

	@Override
	public void close() throws IOException {
		rest.close();
	}

}
