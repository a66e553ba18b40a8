package dev.glmbatch.task.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import dev.glmbatch.jobdef.DocumentLimits;

/**
 * Checks an Office Open XML or OpenDocument file before a library opens it: a zip archive
 * of at most 10,000 parts whose markup parts ({@code .xml}, {@code .rels}) really unpack,
 * byte by byte as counted while inflating them, to at most the memory cap together. The
 * sizes an archive declares are not trusted, so a zip bomb is caught however it is built;
 * pictures and other media are not unpacked, since no text is taken from them.
 */
final class ZipGuard {

	static final int MAX_PARTS = 10_000;

	private ZipGuard() {
	}

	/**
	 * Whether the file is an OLE2 compound file: what Office writes for a
	 * password-protected {@code .docx}, {@code .pptx} or {@code .xlsx} (the encrypted
	 * package inside), and for the older binary formats.
	 */
	private static boolean isOle2(Path file) {
		try (InputStream in = java.nio.file.Files.newInputStream(file)) {
			byte[] head = in.readNBytes(4);
			return head.length == 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && (head[2] & 0xFF) == 0x11
					&& (head[3] & 0xFF) == 0xE0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static void check(Path file, String kind, DocumentLimits limits, Deadline deadline) {
		long budget = limits.maxMemoryBytes();
		String bomb = "unpacks to more than " + DocumentLimits.megabytes(budget)
				+ " of markup (max-memory-mb): it may be a zip bomb";
		if (isOle2(file)) {
			throw new UnreadableDocumentException("is encrypted (password-protected), or an older binary Office file"
					+ " under a new extension; save an unprotected " + kind + " copy and run again");
		}
		try (ZipFile zip = new ZipFile(file.toFile())) {
			if (zip.size() > MAX_PARTS) {
				throw new UnreadableDocumentException(String.format(Locale.ROOT,
						"has %,d parts, more than the %,d a %s may have", zip.size(), MAX_PARTS, kind));
			}
			long left = budget;
			byte[] buffer = new byte[64 * 1024];
			Enumeration<? extends ZipEntry> entries = zip.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				String name = entry.getName().toLowerCase(Locale.ROOT);
				if (entry.isDirectory() || !(name.endsWith(".xml") || name.endsWith(".rels"))) {
					continue;
				}
				try (InputStream in = new DeadlineInputStream(zip.getInputStream(entry), deadline, left, bomb)) {
					long n;
					while ((n = in.read(buffer)) > 0) {
						left -= n;
					}
				}
			}
		}
		catch (ZipException ex) {
			throw new UnreadableDocumentException("is damaged or not a " + kind + " (" + ex.getMessage() + ")", ex);
		}
		catch (IOException ex) {
			throw new UnreadableDocumentException("cannot be read (" + ex.getMessage() + ")", ex);
		}
	}

}
