package dev.glmbatch.task.document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import dev.glmbatch.jobdef.DocumentLimits;

/**
 * Reads the text of a document, chosen by its extension, within the job's
 * {@link DocumentLimits}.
 */
public final class DocumentText {

	/** The extensions read, in lower case. */
	public static final List<String> EXTENSIONS = List.of("pdf", "html", "htm", "docx", "pptx", "xlsx", "odt", "txt",
			"md");

	private DocumentText() {
	}

	/** The extension of a file name in lower case, or the empty string. */
	public static String extensionOf(String name) {
		int dot = name.lastIndexOf('.');
		return (dot < 0) ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

	/**
	 * Refuses a file too large to read at all, before it is opened.
	 * @throws UnreadableDocumentException when it is larger than {@code max-file-mb}
	 */
	public static void requireSize(Path file, DocumentLimits limits) throws IOException {
		long size = Files.size(file);
		if (size > limits.maxFileBytes()) {
			throw new UnreadableDocumentException("is " + DocumentLimits.megabytes(size) + ", larger than max-file-mb ("
					+ DocumentLimits.megabytes(limits.maxFileBytes()) + ")");
		}
	}

	/**
	 * The text of a document whose extension is one of {@link #EXTENSIONS}.
	 * @throws UnreadableDocumentException saying why the document cannot be read within
	 * its limits
	 */
	public static String read(Path file, DocumentLimits limits) {
		try {
			requireSize(file, limits);
		}
		catch (IOException ex) {
			throw new UnreadableDocumentException("cannot be read (" + ex.getMessage() + ")", ex);
		}
		Deadline deadline = new Deadline(limits.maxTime());
		String extension = extensionOf(String.valueOf(file.getFileName()));
		return switch (extension) {
			case "pdf" -> PdfText.read(file, limits, deadline);
			case "html", "htm" -> HtmlText.read(file, limits, deadline);
			case "docx" -> OfficeText.read(file, OfficeText.Kind.DOCX, limits, deadline);
			case "pptx" -> OfficeText.read(file, OfficeText.Kind.PPTX, limits, deadline);
			case "xlsx" -> OfficeText.read(file, OfficeText.Kind.XLSX, limits, deadline);
			case "odt" -> OdtText.read(file, limits, deadline);
			case "txt", "md" -> PlainText.read(file, limits);
			default -> throw new UnreadableDocumentException(
					"is not a supported document (" + String.join(", ", EXTENSIONS) + ")");
		};
	}

}
