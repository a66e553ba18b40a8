package dev.glmbatch.task;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Reads the document a row points to: {@code .txt} and {@code .md} as strict UTF-8, {@code .docx} through POI. Only
 * files under the base folder are read: a path that leaves it, directly, through {@code ..} or through a symbolic
 * link, is refused.
 */
final class DocumentReader {

	static final List<String> EXTENSIONS = List.of("txt", "md", "docx");

	static final long MAX_BYTES = 20L * 1024 * 1024;

	private final Path base;

	DocumentReader(Path base) {
		this.base = base.toAbsolutePath().normalize();
	}

	/** The document's text; {@link DocumentException} with a reason fit for the reject file. */
	String read(String written) {
		Path file = locate(written);
		try {
			return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".docx") ? docx(file) : utf8(file);
		}
		catch (IOException ex) {
			throw new DocumentException("'" + written + "' cannot be read: " + ex.getMessage());
		}
	}

	/**
	 * The document a row names, after every check that needs no reading: inside the base folder (also after
	 * following links), a supported extension, an existing regular file, not too large.
	 * @throws DocumentException with a reason fit for the reject file
	 */
	Path locate(String written) {
		Path file;
		try {
			file = base.resolve(written.strip()).normalize();
		}
		catch (InvalidPathException ex) {
			throw new DocumentException("'" + written + "' is not a valid path: " + ex.getReason());
		}
		if (!file.startsWith(base)) {
			throw new DocumentException("'" + written + "' is outside the allowed folder " + base);
		}
		String name = String.valueOf(file.getFileName());
		String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT)
				: "";
		if (!EXTENSIONS.contains(extension)) {
			throw new DocumentException("'" + written + "' is not a supported document (" + String.join(", ", EXTENSIONS)
					+ ")");
		}
		try {
			if (!Files.isRegularFile(file)) {
				throw new DocumentException("'" + written + "' does not exist under " + base);
			}
			if (!file.toRealPath().startsWith(base.toRealPath())) {
				throw new DocumentException("'" + written + "' links outside the allowed folder " + base);
			}
			if (Files.size(file) > MAX_BYTES) {
				throw new DocumentException("'" + written + "' is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
			}
			return file;
		}
		catch (IOException ex) {
			throw new DocumentException("'" + written + "' cannot be read: " + ex.getMessage());
		}
	}

	private static String utf8(Path file) throws IOException {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
				.toString();
			return text.startsWith("\uFEFF") ? text.substring(1) : text;
		}
		catch (CharacterCodingException ex) {
			throw new IOException("it is not UTF-8 text", ex);
		}
	}

	private static String docx(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file); XWPFDocument document = new XWPFDocument(in);
				XWPFWordExtractor extractor = new XWPFWordExtractor(document)) {
			return extractor.getText();
		}
		catch (RuntimeException ex) {
			// POI reports a damaged or non-Word file with unchecked exceptions
			throw new IOException("it is not a readable .docx file (" + ex.getMessage() + ")", ex);
		}
	}

	/** A document that cannot be summarised; the message says why. */
	static final class DocumentException extends RuntimeException {

		DocumentException(String message) {
			super(message);
		}

		/** Never null: every constructor takes a message. */
		@Override
		public String getMessage() {
			return Objects.requireNonNull(super.getMessage());
		}

	}

}
