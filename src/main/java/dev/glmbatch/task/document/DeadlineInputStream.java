package dev.glmbatch.task.document;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream whose every read first asks the deadline, and that refuses to give more than a
 * set number of bytes.
 */
final class DeadlineInputStream extends FilterInputStream {

	private final Deadline deadline;

	private final long maxBytes;

	private final String tooLarge;

	private long read;

	/**
	 * @param tooLarge the reason given when more than {@code maxBytes} would be read
	 */
	DeadlineInputStream(InputStream in, Deadline deadline, long maxBytes, String tooLarge) {
		super(in);
		this.deadline = deadline;
		this.maxBytes = maxBytes;
		this.tooLarge = tooLarge;
	}

	@Override
	public int read() throws IOException {
		deadline.checkOften();
		int b = super.read();
		count(b < 0 ? 0 : 1);
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		deadline.check();
		int n = super.read(buffer, offset, length);
		count(Math.max(0, n));
		return n;
	}

	private void count(int n) {
		read += n;
		if (read > maxBytes) {
			throw new UnreadableDocumentException(tooLarge);
		}
	}

}
