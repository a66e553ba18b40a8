package dev.glmbatch.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFSlide;
import org.apache.poi.xslf.usermodel.XSLFTextBox;

import dev.glmbatch.task.document.TextOnlyFontMapper;

/**
 * Documents written by the libraries that read them, for tests: PDFs, HTML pages and
 * slide decks.
 */
public final class TestDocuments {

	private static final int LINE_CHARS = 90;

	static {
		// PDFBox's own font mapper would scan the machine's fonts and write a cache into
		// the real home folder
		TextOnlyFontMapper.install();
	}

	private TestDocuments() {
	}

	/**
	 * A PDF with a text layer: each page holds the paragraphs given for it, wrapped into
	 * lines.
	 * @param pages the paragraphs of each page
	 */
	public static Path pdf(Path file, List<List<String>> pages) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		try (PDDocument document = new PDDocument()) {
			PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
			for (List<String> paragraphs : pages) {
				PDPage page = new PDPage(PDRectangle.A4);
				document.addPage(page);
				try (PDPageContentStream out = new PDPageContentStream(document, page)) {
					out.beginText();
					out.setFont(font, 10);
					out.setLeading(12);
					out.newLineAtOffset(50, 800);
					for (String paragraph : paragraphs) {
						for (String line : wrap(paragraph)) {
							out.showText(line);
							out.newLine();
						}
						out.newLine();
					}
					out.endText();
				}
			}
			document.save(file.toFile());
		}
		return file;
	}

	/** A one-page PDF holding one paragraph. */
	public static Path pdf(Path file, String text) throws IOException {
		return pdf(file, List.of(List.of(text)));
	}

	/** A slide deck with one slide per text. */
	public static Path pptx(Path file, List<String> slides) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		try (XMLSlideShow deck = new XMLSlideShow(); OutputStream out = Files.newOutputStream(file)) {
			for (String text : slides) {
				XSLFSlide slide = deck.createSlide();
				XSLFTextBox box = slide.createTextBox();
				box.setText(text);
			}
			deck.write(out);
		}
		return file;
	}

	/** An HTML page with navigation, a script and a style around its main text. */
	public static Path html(Path file, String title, String mainHtml) throws IOException {
		Files.createDirectories(file.toAbsolutePath().getParent());
		return Files.writeString(file, """
				<!DOCTYPE html><html><head><title>%s</title><style>p { color: red; }</style>
				<script>var secret = "script text";</script></head>
				<body><nav><a href="/">Home</a> <a href="/menu">Menu entry</a></nav>
				<main><h1>%s</h1>%s</main><footer>Footer text</footer></body></html>
				""".formatted(title, title, mainHtml));
	}

	private static List<String> wrap(String paragraph) {
		List<String> lines = new ArrayList<>();
		StringBuilder line = new StringBuilder();
		for (String word : paragraph.split(" ")) {
			if (line.length() + word.length() + 1 > LINE_CHARS && !line.isEmpty()) {
				lines.add(line.toString());
				line.setLength(0);
			}
			line.append(line.isEmpty() ? "" : " ").append(word);
		}
		if (!line.isEmpty()) {
			lines.add(line.toString());
		}
		return lines;
	}

}
