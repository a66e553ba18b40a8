package dev.glmbatch.task.document;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.sl.extractor.SlideShowExtractor;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xssf.extractor.XSSFEventBasedExcelExtractor;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.xmlbeans.XmlException;

import dev.glmbatch.jobdef.DocumentLimits;

/**
 * The text of a {@code .docx}, {@code .pptx} (slides and speaker notes) or {@code .xlsx}
 * (each sheet's cells, tab separated, read as a stream), through POI, once
 * {@link ZipGuard} has passed the archive.
 */
final class OfficeText {

	enum Kind {

		DOCX("Word document (.docx)"), PPTX("PowerPoint deck (.pptx)"), XLSX("Excel workbook (.xlsx)");

		private final String description;

		Kind(String description) {
			this.description = description;
		}

	}

	private OfficeText() {
	}

	static String read(Path file, Kind kind, DocumentLimits limits, Deadline deadline) {
		ZipGuard.check(file, kind.description, limits, deadline);
		deadline.check();
		String text;
		try (OPCPackage pack = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
			text = switch (kind) {
				case DOCX -> {
					try (XWPFWordExtractor extractor = new XWPFWordExtractor(new XWPFDocument(pack))) {
						extractor.setCloseFilesystem(false);
						yield extractor.getText();
					}
				}
				case PPTX -> {
					SlideShowExtractor<?, ?> extractor = new SlideShowExtractor<>(new XMLSlideShow(pack));
					extractor.setCloseFilesystem(false);
					extractor.setNotesByDefault(true);
					yield extractor.getText();
				}
				case XLSX -> {
					XSSFEventBasedExcelExtractor extractor = new XSSFEventBasedExcelExtractor(pack);
					extractor.setCloseFilesystem(false);
					yield extractor.getText();
				}
			};
		}
		catch (EncryptedDocumentException ex) {
			throw new UnreadableDocumentException(
					"is encrypted (password-protected); save an unprotected copy and" + " run again", ex);
		}
		catch (IOException | OpenXML4JException | XmlException | RuntimeException ex) {
			if (ex instanceof UnreadableDocumentException unreadable) {
				throw unreadable;
			}
			throw new UnreadableDocumentException(
					"is damaged or not a " + kind.description + " (" + ex.getMessage() + ")", ex);
		}
		deadline.check();
		if (text.length() > limits.maxChars()) {
			throw BoundedText.tooLong(limits.maxChars());
		}
		return text;
	}

}
