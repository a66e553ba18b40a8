package dev.glmbatch.task.document;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import dev.glmbatch.jobdef.DocumentLimits;
import dev.glmbatch.testsupport.TestDocuments;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reads each supported format, and refuses each hostile or unreadable document with its
 * reason, within the caps: the documents are written here by the libraries that read
 * them.
 */
class DocumentTextTests {

	private static final DocumentLimits DEFAULTS = DocumentLimits.DEFAULTS;

	@TempDir
	Path dir;

	@Test
	void readsTheTextOfEachFormat() throws IOException {
		Path pdf = TestDocuments.pdf(dir.resolve("a.pdf"),
				List.of(List.of("First page text."), List.of("Second page text.")));
		Path html = TestDocuments.html(dir.resolve("a.html"), "Title", "<p>Main text.</p><ul><li>Item</li></ul>");
		Path pptx = TestDocuments.pptx(dir.resolve("a.pptx"), List.of("Slide one.", "Slide two."));
		Path xlsx = dir.resolve("a.xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
			workbook.createSheet("Budget").createRow(0).createCell(0).setCellValue("Travel costs");
			workbook.write(out);
		}
		Path odt = odt(dir.resolve("a.odt"), "<text:h>Heading</text:h><text:p>Open text.</text:p>");

		assertThat(DocumentText.read(pdf, DEFAULTS)).contains("First page text.").contains("Second page text.");
		assertThat(DocumentText.read(html, DEFAULTS)).isEqualTo("Title\n\nMain text.\n\nItem");
		assertThat(DocumentText.read(pptx, DEFAULTS)).contains("Slide one.").contains("Slide two.");
		assertThat(DocumentText.read(xlsx, DEFAULTS)).contains("Budget").contains("Travel costs");
		assertThat(DocumentText.read(odt, DEFAULTS)).isEqualTo("Heading\n\nOpen text.");
	}

	@Test
	void anEncryptedPdfIsRefusedAsEncrypted() throws IOException {
		Path file = TestDocuments.pdf(dir.resolve("secret.pdf"), "Confidential terms.");
		try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(file.toFile())) {
			StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-pw", "user-pw",
					new AccessPermission());
			policy.setEncryptionKeyLength(128);
			document.protect(policy);
			document.save(file.toFile());
		}

		assertThatThrownBy(() -> DocumentText.read(file, DEFAULTS)).isInstanceOf(UnreadableDocumentException.class)
			.hasMessageStartingWith("is encrypted (password-protected)");
	}

	@Test
	void anImageOnlyPdfNeedsOcr() throws IOException {
		Path file = dir.resolve("scan.pdf");
		try (PDDocument document = new PDDocument()) {
			PDPage page = new PDPage();
			document.addPage(page);
			BufferedImage scan = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
			scan.getGraphics().drawString("Scanned words", 10, 50);
			PDImageXObject image = LosslessFactory.createFromImage(document, scan);
			try (PDPageContentStream out = new PDPageContentStream(document, page)) {
				out.drawImage(image, 50, 500);
			}
			document.save(file.toFile());
		}

		assertThatThrownBy(() -> DocumentText.read(file, DEFAULTS))
			.hasMessageStartingWith("has no text layer (scanned or image-only pages): it needs OCR");
	}

	/**
	 * Tens of thousands of tiny page objects: refused by the page cap as soon as the page
	 * tree is read; and a page of a hundred thousand tiny drawing objects is given up at
	 * the time cap, asked at every operator.
	 */
	@Test
	void aPdfOfVeryManyTinyObjectsIsRefusedWithinTheCaps() throws IOException {
		Path pages = dir.resolve("pages.pdf");
		try (PDDocument document = new PDDocument()) {
			for (int i = 0; i < 20_000; i++) {
				document.addPage(new PDPage());
			}
			document.save(pages.toFile());
		}
		Path shapes = dir.resolve("shapes.pdf");
		try (PDDocument document = new PDDocument()) {
			PDPage page = new PDPage();
			document.addPage(page);
			try (PDPageContentStream out = new PDPageContentStream(document, page)) {
				for (int i = 0; i < 100_000; i++) {
					out.addRect(i % 500, i % 700, 1, 1);
					out.fill();
				}
			}
			document.save(shapes.toFile());
		}
		DocumentLimits noTime = new DocumentLimits(DEFAULTS.maxFileBytes(), DEFAULTS.maxPages(), DEFAULTS.maxChars(),
				Duration.ofNanos(1), DEFAULTS.maxMemoryBytes());

		assertThatThrownBy(() -> DocumentText.read(pages, DEFAULTS))
			.hasMessage("has 20,000 pages, more than max-pages (2,000); split it, or raise max-pages");
		assertThatThrownBy(() -> DocumentText.read(shapes, noTime))
			.hasMessageStartingWith("took longer than 0 ms to read (max-seconds)");
		assertThatThrownBy(() -> DocumentText.read(shapes, DEFAULTS)).hasMessageContaining("needs OCR");
	}

	@Test
	void brokenHtmlIsRepairedWhereItCanBeAndRefusedWhereNoTextIsLeft() throws IOException {
		Path unclosed = Files.writeString(dir.resolve("unclosed.html"),
				"<html><body><p>First paragraph<p>Second <b>bold paragraph<div><p>Third");
		StringBuilder deep = new StringBuilder("<html><body>");
		deep.append("<div>".repeat(100_000)).append("<script>document.write('");
		deep.append("text that is really script ".repeat(1_000));
		Path hostile = Files.writeString(dir.resolve("hostile.html"), deep);
		Path binary = Files.write(dir.resolve("binary.html"), new byte[] { '<', 'p', '>', 0, 1, 2, 3 });

		assertThat(DocumentText.read(unclosed, DEFAULTS))
			.isEqualTo("First paragraph\n\nSecond bold paragraph\n\nThird");
		assertThatThrownBy(() -> DocumentText.read(hostile, DEFAULTS)).hasMessageStartingWith("has no readable text");
		assertThatThrownBy(() -> DocumentText.read(binary, DEFAULTS))
			.hasMessage("is not an HTML page (it holds binary data)");
	}

	/**
	 * A slide whose markup inflates to 100 MB from a file of a few hundred KB: refused
	 * while it is inflated.
	 */
	@Test
	void aZipBombPptxIsRefusedBeforePoiOpensIt() throws IOException {
		Path deck = TestDocuments.pptx(dir.resolve("deck.pptx"), List.of("Harmless slide."));
		Path bomb = dir.resolve("bomb.pptx");
		try (ZipFile source = new ZipFile(deck.toFile());
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
			Enumeration<? extends ZipEntry> entries = source.entries();
			while (entries.hasMoreElements()) {
				ZipEntry entry = entries.nextElement();
				out.putNextEntry(new ZipEntry(entry.getName()));
				try (InputStream in = source.getInputStream(entry)) {
					if (entry.getName().equals("ppt/slides/slide1.xml")) {
						String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
						int cut = xml.indexOf("<p:cSld");
						out.write(xml.substring(0, cut).getBytes(StandardCharsets.UTF_8));
						byte[] spaces = new byte[1024 * 1024];
						java.util.Arrays.fill(spaces, (byte) ' ');
						for (int i = 0; i < 100; i++) {
							out.write(spaces);
						}
						out.write(xml.substring(cut).getBytes(StandardCharsets.UTF_8));
					}
					else {
						in.transferTo(out);
					}
				}
				out.closeEntry();
			}
		}
		assertThat(Files.size(bomb)).isLessThan(1024 * 1024);

		assertThatThrownBy(() -> DocumentText.read(bomb, DEFAULTS))
			.hasMessage("unpacks to more than 64 MB of markup (max-memory-mb): it may be a zip bomb");
	}

	@Test
	void aDocumentOverItsSizeOrCharacterCapIsRefusedAsOversize() throws IOException {
		Path large = Files.write(dir.resolve("large.txt"), new byte[2 * 1024 * 1024]);
		Path wordy = Files.writeString(dir.resolve("wordy.md"), "word ".repeat(400));
		Path longPdf = TestDocuments.pdf(dir.resolve("long.pdf"), "word ".repeat(400));
		DocumentLimits small = new DocumentLimits(1024 * 1024, 10, 1_000, Duration.ofSeconds(60),
				DEFAULTS.maxMemoryBytes());

		assertThatThrownBy(() -> DocumentText.read(large, small)).hasMessage("is 2 MB, larger than max-file-mb (1 MB)");
		assertThatThrownBy(() -> DocumentText.read(wordy, small))
			.hasMessage("has more than 1,000 characters of text (max-chars); split it, or raise max-chars");
		assertThatThrownBy(() -> DocumentText.read(longPdf, small)).hasMessageStartingWith("has more than 1,000");
	}

	@Test
	void aDamagedDocumentIsRefusedAsDamaged() throws IOException {
		Path pdf = Files.writeString(dir.resolve("torn.pdf"), "%PDF-1.7\n1 0 obj << /Type /Catalog");
		Path pptx = Files.writeString(dir.resolve("torn.pptx"), "not a zip archive");

		assertThatThrownBy(() -> DocumentText.read(pdf, DEFAULTS)).hasMessageStartingWith("is damaged or not a PDF");
		assertThatThrownBy(() -> DocumentText.read(pptx, DEFAULTS))
			.hasMessageStartingWith("is damaged or not a PowerPoint deck (.pptx)");
	}

	private static Path odt(Path file, String body) throws IOException {
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
			out.putNextEntry(new ZipEntry("mimetype"));
			out.write("application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII));
			out.putNextEntry(new ZipEntry("content.xml"));
			out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content"
					+ " xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
					+ " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>" + body
					+ "</office:text></office:body></office:document-content>")
				.getBytes(StandardCharsets.UTF_8));
			out.closeEntry();
		}
		return file;
	}

}
