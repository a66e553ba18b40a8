package dev.glmbatch.task;

import java.util.Optional;

import dev.glmbatch.jobdef.SummariseSpec;

/**
 * Reads the documents a {@code summarise} job's rows name, exactly as a run will before
 * summarising: inside the base folder ({@code ../} and links that leave it are refused),
 * a supported document that exists, and whose text can be had within the job's limits.
 * Lets {@code validate} say which rows a run would reject without a call, and
 * {@code estimate} count the sections of each document.
 */
public final class DocumentCheck {

	private final DocumentReader reader;

	public DocumentCheck(SummariseSpec.DocumentFolder folder) {
		this.reader = new DocumentReader(folder);
	}

	/**
	 * The text of the document a row names, as a run reads it; empty when the run would
	 * reject the row.
	 */
	public Optional<String> textOf(String written) {
		try {
			return Optional.of(reader.read(written));
		}
		catch (DocumentReader.DocumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Why the run would reject a row naming {@code written}, or empty when the document
	 * can be summarised.
	 */
	public Optional<String> problemWith(String written) {
		try {
			if (reader.read(written).isBlank()) {
				return Optional.of("'" + written + "' holds no text to summarise");
			}
			return Optional.empty();
		}
		catch (DocumentReader.DocumentException ex) {
			return Optional.of(ex.getMessage());
		}
	}

}
