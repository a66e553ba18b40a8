package dev.glmbatch.input.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.util.Objects;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.input.InputFormatException;

/**
 * Decodes bytes into text and refuses bytes that are not valid in the charset, instead of
 * replacing them with U+FFFD. The refusal names the byte offset and the physical line
 * (CR, LF and CRLF each end a line). Text decoded before the bad bytes is delivered
 * first, so a parser reports every record before the bad one. A leading byte order mark
 * is dropped. Not thread-safe.
 */
final class StrictTextReader extends Reader {

	private static final int BUFFER_SIZE = 16 * 1024;

	private static final char BYTE_ORDER_MARK = '\uFEFF';

	private final Path file;

	private final InputStream in;

	private final Charset charset;

	private final CharsetDecoder decoder;

	/** Undecoded bytes, in read mode. */
	private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER_SIZE).flip();

	/** Decoded text not yet delivered, in read mode. */
	private final CharBuffer chars = CharBuffer.allocate(BUFFER_SIZE).flip();

	/** File offset of {@code bytes} index 0. */
	private long bytesDiscarded;

	private boolean endOfBytes;

	private boolean decoded;

	private boolean finished;

	private boolean atStart = true;

	private long completedLines;

	private boolean lastWasCr;

	private @Nullable InputFormatException pending;

	StrictTextReader(Path file, InputStream in, Charset charset) {
		this.file = Objects.requireNonNull(file, "file");
		this.in = Objects.requireNonNull(in, "in");
		this.charset = charset;
		this.decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	@Override
	public int read() throws IOException {
		if (!ensureChars()) {
			return -1;
		}
		return chars.get();
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		Objects.checkFromIndexSize(offset, length, buffer.length);
		if (length == 0) {
			return 0;
		}
		if (!ensureChars()) {
			return -1;
		}
		int count = Math.min(length, chars.remaining());
		chars.get(buffer, offset, count);
		return count;
	}

	@Override
	public void close() throws IOException {
		in.close();
	}

	private boolean ensureChars() throws IOException {
		while (!chars.hasRemaining()) {
			if (pending != null) {
				throw pending;
			}
			if (finished) {
				return false;
			}
			decodeMore();
		}
		return true;
	}

	private void decodeMore() throws IOException {
		chars.clear();
		while (chars.position() == 0 && pending == null && !finished) {
			int from = chars.position();
			CoderResult result = decoded ? decoder.flush(chars) : decoder.decode(bytes, chars, endOfBytes);
			countLines(from, chars.position());
			if (result.isError()) {
				pending = invalidBytes(result);
			}
			else if (result.isUnderflow()) {
				if (decoded) {
					finished = true;
				}
				else if (endOfBytes) {
					decoded = true;
				}
				else {
					readBytes();
				}
			}
			// overflow: the char buffer is full; deliver it first
		}
		chars.flip();
		if (atStart && chars.hasRemaining()) {
			atStart = false;
			if (chars.get(chars.position()) == BYTE_ORDER_MARK) {
				chars.get();
			}
		}
	}

	private void readBytes() throws IOException {
		bytesDiscarded += bytes.position();
		bytes.compact();
		int count = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
		if (count < 0) {
			endOfBytes = true;
		}
		else {
			bytes.position(bytes.position() + count);
		}
		bytes.flip();
	}

	private void countLines(int from, int to) {
		char[] array = chars.array();
		for (int i = from; i < to; i++) {
			char c = array[chars.arrayOffset() + i];
			if (c == '\r') {
				completedLines++;
				lastWasCr = true;
			}
			else {
				if (c == '\n' && !lastWasCr) {
					completedLines++;
				}
				lastWasCr = false;
			}
		}
	}

	private InputFormatException invalidBytes(CoderResult result) {
		long offset = bytesDiscarded + bytes.position();
		StringJoiner shown = new StringJoiner(" ");
		for (int i = 0; i < result.length() && bytes.position() + i < bytes.limit(); i++) {
			shown.add(String.format("0x%02X", bytes.get(bytes.position() + i) & 0xFF));
		}
		String what = result.isMalformed() ? "is not valid " + charset.name() : "has no character in " + charset.name();
		return new InputFormatException(file, completedLines + 1, null, offset,
				"the byte sequence " + shown + " " + what,
				"The file is not encoded as " + charset.name() + ". Re-save it as " + charset.name()
						+ ", or set the input encoding in the job file to the file's real encoding (e.g. windows-1252)");
	}

}
