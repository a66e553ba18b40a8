package dev.glmbatch.input.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.zip.ZipFile;

import dev.glmbatch.testsupport.ZipCopy;

/**
 * Copies a zip package entry by entry, letting a test change or drop entries: how hostile
 * workbooks are made.
 */
final class ZipRewrite {

	private ZipRewrite() {
	}

	/**
	 * @param change given an entry's name and text, returns the new text, or {@code null}
	 * to drop the entry
	 */
	static Path rewrite(Path in, Path out, BiFunction<String, String, String> change) {
		return ZipCopy.copy(in, out, (name, bytes) -> {
			String changed = change.apply(name, new String(bytes, StandardCharsets.UTF_8));
			return (changed != null) ? changed.getBytes(StandardCharsets.UTF_8) : null;
		});
	}

	/** The text of one entry. */
	static String entry(Path zipFile, String name) {
		try (ZipFile zip = new ZipFile(zipFile.toFile()); InputStream in = zip.getInputStream(zip.getEntry(name))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
