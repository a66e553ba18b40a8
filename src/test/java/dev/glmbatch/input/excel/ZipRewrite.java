package dev.glmbatch.input.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

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
		try (ZipFile zip = new ZipFile(in.toFile());
				OutputStream file = Files.newOutputStream(out);
				ZipOutputStream zipOut = new ZipOutputStream(file)) {
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				String text;
				try (InputStream entryIn = zip.getInputStream(entry)) {
					text = new String(entryIn.readAllBytes(), StandardCharsets.UTF_8);
				}
				String changed = change.apply(entry.getName(), text);
				if (changed != null) {
					zipOut.putNextEntry(new ZipEntry(entry.getName()));
					zipOut.write(changed.getBytes(StandardCharsets.UTF_8));
					zipOut.closeEntry();
				}
			}
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
