package dev.glmbatch.task.document;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

import dev.glmbatch.jobdef.DocumentLimits;

/**
 * The text layer of a PDF, through PDFBox. The file is parsed with the deadline asked at
 * every read, the page count is checked before any page is read, the content streams are
 * interpreted with the deadline asked at every operator, and PDFBox's buffers are held to
 * the memory cap. Fonts that are not embedded are all read as one font
 * ({@link TextOnlyFontMapper}), which is enough to take text.
 */
final class PdfText {

	static {
		TextOnlyFontMapper.install();
	}

	private PdfText() {
	}

	static String read(Path file, DocumentLimits limits, Deadline deadline) {
		MemoryUsageSetting memory = MemoryUsageSetting.setupMainMemoryOnly(limits.maxMemoryBytes());
		try (PDDocument document = Loader.loadPDF(new DeadlineFile(file, deadline), "", null, null,
				memory.streamCache)) {
			int pages = document.getNumberOfPages();
			if (pages > limits.maxPages()) {
				throw new UnreadableDocumentException(String.format(Locale.ROOT,
						"has %,d pages, more than max-pages (%,d); split it, or raise max-pages", pages,
						limits.maxPages()));
			}
			if (pages == 0) {
				throw new UnreadableDocumentException("has no pages");
			}
			BoundedText text = new BoundedText(limits.maxChars());
			new Stripper(deadline).writeText(document, text);
			String result = text.toString().strip();
			if (result.isEmpty()) {
				throw new UnreadableDocumentException("has no text layer (scanned or image-only pages): it needs OCR"
						+ " before it can be summarised; run it through OCR (e.g. ocrmypdf) and run again");
			}
			return result;
		}
		catch (InvalidPasswordException ex) {
			throw new UnreadableDocumentException(
					"is encrypted (password-protected); save an unprotected copy and" + " run again", ex);
		}
		catch (IOException ex) {
			String message = String.valueOf(ex.getMessage());
			if (message.contains("Maximum allowed") && message.contains("memory")) {
				throw new UnreadableDocumentException("needs more than "
						+ DocumentLimits.megabytes(limits.maxMemoryBytes()) + " of memory to read (max-memory-mb)", ex);
			}
			throw new UnreadableDocumentException("is damaged or not a PDF (" + message + ")", ex);
		}
		catch (RuntimeException ex) {
			if (ex instanceof UnreadableDocumentException unreadable) {
				throw unreadable;
			}
			// PDFBox reports some damage with unchecked exceptions
			throw new UnreadableDocumentException("is damaged or not a PDF (" + ex + ")", ex);
		}
	}

	/**
	 * The file, asking the deadline at each read, so that parsing a file of countless
	 * objects ends in time.
	 */
	private static final class DeadlineFile extends RandomAccessReadBufferedFile {

		private final Deadline deadline;

		DeadlineFile(Path file, Deadline deadline) throws IOException {
			super(file);
			this.deadline = deadline;
		}

		@Override
		public int read() throws IOException {
			deadline.checkOften();
			return super.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			deadline.checkOften();
			return super.read(buffer, offset, length);
		}

	}

	/** The text stripper, asking the deadline at each page, operator and glyph. */
	private static final class Stripper extends PDFTextStripper {

		private final Deadline deadline;

		Stripper(Deadline deadline) {
			this.deadline = deadline;
			// a blank line after each paragraph and page: the section split cuts there
			// first
			setParagraphEnd(getLineSeparator());
			setPageEnd(getLineSeparator() + getLineSeparator());
		}

		@Override
		protected void startPage(PDPage page) throws IOException {
			deadline.check();
			super.startPage(page);
		}

		@Override
		protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
			deadline.checkOften();
			super.processOperator(operator, operands);
		}

		@Override
		protected void processTextPosition(TextPosition text) {
			deadline.checkOften();
			super.processTextPosition(text);
		}

	}

}
