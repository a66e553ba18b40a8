package dev.glmbatch.input.csv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.glmbatch.input.InputFormatException;

/**
 * Passes bytes through while computing their SHA-256 and counting them. Every byte must
 * go through {@code read}, so {@code skip} reads too and mark/reset is not supported. Not
 * thread-safe.
 */
final class ChecksumInputStream extends FilterInputStream {

	private final MessageDigest digest;

	private long count;

	/**
	 * Opens a file for checksummed reading.
	 * @throws InputFormatException when the file is missing, a directory or not readable
	 */
	static ChecksumInputStream open(Path file) {
		if (Files.isDirectory(file)) {
			throw new InputFormatException(file, 0, null, -1, "this is a directory, not a file",
					"Set the input path in the job file to a CSV file");
		}
		try {
			return new ChecksumInputStream(Files.newInputStream(file));
		}
		catch (IOException ex) {
			throw InputFormatException.whenOpening(file, ex);
		}
	}

	ChecksumInputStream(InputStream in) {
		super(in);
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java platform must provide SHA-256
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public int read() throws IOException {
		int b = in.read();
		if (b >= 0) {
			digest.update((byte) b);
			count++;
		}
		return b;
	}

	@Override
	public int read(byte[] buffer, int offset, int length) throws IOException {
		int read = in.read(buffer, offset, length);
		if (read > 0) {
			digest.update(buffer, offset, read);
			count += read;
		}
		return read;
	}

	@Override
	public long skip(long n) throws IOException {
		byte[] sink = new byte[(int) Math.min(8192, Math.max(0, n))];
		long skipped = 0;
		while (skipped < n) {
			int read = read(sink, 0, (int) Math.min(sink.length, n - skipped));
			if (read < 0) {
				break;
			}
			skipped += read;
		}
		return skipped;
	}

	@Override
	public boolean markSupported() {
		return false;
	}

	@Override
	public synchronized void mark(int readlimit) {
		// not supported: a reset would feed bytes to the digest twice
	}

	@Override
	public synchronized void reset() throws IOException {
		throw new IOException("mark/reset not supported");
	}

	/** Reads what is left so that the checksum and count cover the whole stream. */
	void drain() throws IOException {
		byte[] sink = new byte[8192];
		while (read(sink, 0, sink.length) >= 0) {
			// keep reading
		}
	}

	long byteCount() {
		return count;
	}

	/**
	 * The checksum of the bytes read so far, as 64 lower-case hex digits; call once, at
	 * the end.
	 */
	String sha256Hex() {
		return HexFormat.of().formatHex(digest.digest());
	}

}
