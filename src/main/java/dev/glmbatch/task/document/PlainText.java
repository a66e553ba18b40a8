package dev.glmbatch.task.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.glmbatch.jobdef.DocumentLimits;

/**
 * A {@code .txt} or {@code .md} file: strict UTF-8, a leading byte order mark dropped,
 * read whole.
 */
final class PlainText {

	private PlainText() {
	}

	static String read(Path file, DocumentLimits limits) {
		try {
			long size = Files.size(file);
			if (size > limits.maxMemoryBytes()) {
				throw new UnreadableDocumentException("is a text file of more than "
						+ DocumentLimits.megabytes(limits.maxMemoryBytes()) + " (max-memory-mb)");
			}
			String text;
			try {
				text = StandardCharsets.UTF_8.newDecoder()
					.onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT)
					.decode(ByteBuffer.wrap(Files.readAllBytes(file)))
					.toString();
			}
			catch (CharacterCodingException ex) {
				throw new UnreadableDocumentException("is not UTF-8 text; save it as UTF-8 and run again", ex);
			}
			text = text.startsWith("\uFEFF") ? text.substring(1) : text;
			if (text.length() > limits.maxChars()) {
				throw BoundedText.tooLong(limits.maxChars());
			}
			return text;
		}
		catch (IOException ex) {
			throw new UnreadableDocumentException("cannot be read (" + ex.getMessage() + ")", ex);
		}
	}

	/** Whether the file's first 8 KB hold a NUL byte, which no text or markup has. */
	static boolean looksBinary(Path file) throws IOException {
		byte[] head = new byte[8192];
		int n;
		try (InputStream in = Files.newInputStream(file)) {
			n = in.readNBytes(head, 0, head.length);
		}
		for (int i = 0; i < n; i++) {
			if (head[i] == 0) {
				return true;
			}
		}
		return false;
	}

}
