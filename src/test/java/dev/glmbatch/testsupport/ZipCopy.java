package dev.glmbatch.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Copies a zip package (an OOXML workbook) entry by entry, in its order, letting the
 * caller change or drop each entry on the way.
 */
public final class ZipCopy {

	private ZipCopy() {
	}

	/**
	 * Writes {@code in} to {@code out} with each entry's bytes passed through
	 * {@code change}.
	 * @param change given an entry's name and bytes, returns the bytes to write, or
	 * {@code null} to drop the entry
	 * @return {@code out}
	 */
	public static Path copy(Path in, Path out, BiFunction<String, byte[], byte[]> change) {
		try (ZipFile zip = new ZipFile(in.toFile());
				OutputStream file = Files.newOutputStream(out);
				ZipOutputStream zipOut = new ZipOutputStream(file)) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				byte[] bytes;
				try (InputStream entryIn = zip.getInputStream(entry)) {
					bytes = entryIn.readAllBytes();
				}
				byte[] changed = change.apply(entry.getName(), bytes);
				if (changed != null) {
					zipOut.putNextEntry(new ZipEntry(entry.getName()));
					zipOut.write(changed);
					zipOut.closeEntry();
				}
			}
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
