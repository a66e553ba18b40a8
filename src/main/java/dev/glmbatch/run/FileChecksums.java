package dev.glmbatch.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The SHA-256 of an output file, to tell later whether the file at a run's output path is
 * still the one it wrote.
 */
final class FileChecksums {

	private FileChecksums() {
	}

	/**
	 * The file's SHA-256 in hex; empty when it cannot be read (gone, or no permission).
	 */
	static Optional<String> sha256(Path file) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
				in.transferTo(OutputStream.nullOutputStream());
			}
			return Optional.of(HexFormat.of().formatHex(digest.digest()));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
		}
	}

}
