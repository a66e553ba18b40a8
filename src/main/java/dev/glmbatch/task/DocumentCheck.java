package dev.glmbatch.task;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks, without reading them, the documents a {@code summarise} job's rows name, exactly as a run will before
 * summarising: inside the base folder ({@code ../} and links that leave it are refused), a {@code .txt}, {@code .md}
 * or {@code .docx} file that exists and is at most 20 MB. Lets {@code validate} say which rows a run would reject
 * without a call.
 */
public final class DocumentCheck {

	private final DocumentReader reader;

	public DocumentCheck(Path baseFolder) {
		this.reader = new DocumentReader(baseFolder);
	}

	/** The text of the document a row names, as a run reads it; empty when the run would reject the row. */
	public Optional<String> textOf(String written) {
		try {
			return Optional.of(reader.read(written));
		}
		catch (DocumentReader.DocumentException ex) {
			return Optional.empty();
		}
	}

	/** Why the run would reject a row naming {@code written}, or empty when the document can be summarised. */
	public Optional<String> problemWith(String written) {
		try {
			reader.locate(written);
			return Optional.empty();
		}
		catch (DocumentReader.DocumentException ex) {
			return Optional.of(ex.getMessage());
		}
	}

}
