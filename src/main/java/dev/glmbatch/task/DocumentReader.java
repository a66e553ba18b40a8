package dev.glmbatch.task;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

import dev.glmbatch.jobdef.DocumentLimits;
import dev.glmbatch.jobdef.SummariseSpec;
import dev.glmbatch.task.document.DocumentText;
import dev.glmbatch.task.document.UnreadableDocumentException;

/**
 * Reads the document a row points to, through {@link DocumentText} and within the job's
 * {@link DocumentLimits}. Only files under the base folder are read: a path that leaves
 * it, directly, through {@code ..} or through a symbolic link, is refused.
 */
final class DocumentReader {

	private final Path base;

	private final DocumentLimits limits;

	DocumentReader(SummariseSpec.DocumentFolder folder) {
		this.base = folder.base().toAbsolutePath().normalize();
		this.limits = folder.limits();
	}

	/**
	 * The document's text; {@link DocumentException} with a reason fit for the reject
	 * file.
	 */
	String read(String written) {
		Path file = locate(written);
		try {
			return DocumentText.read(file, limits);
		}
		catch (UnreadableDocumentException ex) {
			throw new DocumentException("'" + written + "' " + ex.getMessage());
		}
	}

	/**
	 * The document a row names, after every check that needs no reading: inside the base
	 * folder (also after following links), a supported extension, an existing regular
	 * file, not too large.
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
		String extension = DocumentText.extensionOf(String.valueOf(file.getFileName()));
		if (!DocumentText.EXTENSIONS.contains(extension)) {
			throw new DocumentException("'" + written + "' is not a supported document ("
					+ String.join(", ", DocumentText.EXTENSIONS) + ")");
		}
		try {
			if (!Files.isRegularFile(file)) {
				throw new DocumentException("'" + written + "' does not exist under " + base);
			}
			if (!file.toRealPath().startsWith(base.toRealPath())) {
				throw new DocumentException("'" + written + "' links outside the allowed folder " + base);
			}
			DocumentText.requireSize(file, limits);
			return file;
		}
		catch (UnreadableDocumentException ex) {
			throw new DocumentException("'" + written + "' " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new DocumentException("'" + written + "' cannot be read: " + ex.getMessage());
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
