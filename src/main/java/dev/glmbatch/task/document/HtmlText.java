package dev.glmbatch.task.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeVisitor;

import dev.glmbatch.jobdef.DocumentLimits;

/**
 * The main text of an HTML page, through jsoup: scripts, styles, navigation, headers,
 * footers, asides and forms are dropped; when the page marks its main content
 * ({@code <main>}, {@code <article>}, {@code role="main"}) only that is kept. Blocks
 * (paragraphs, headings, list items, ...) become paragraphs. jsoup repairs broken markup
 * as browsers do; the tree is cut at a depth of 512 elements. A page is parsed whole,
 * taking several times its size in memory, so a page larger than a quarter of the memory
 * cap is refused.
 */
final class HtmlText {

	private static final String DROPPED = "script, style, noscript, template, nav, header, footer, aside, form, "
			+ "iframe, svg, canvas, button, select, [role=navigation], [aria-hidden=true]";

	private static final int MAX_DEPTH = 512;

	private HtmlText() {
	}

	static String read(Path file, DocumentLimits limits, Deadline deadline) {
		long maxBytes = limits.maxMemoryBytes() / 4;
		try {
			if (Files.size(file) > maxBytes) {
				throw new UnreadableDocumentException("is an HTML page of more than "
						+ DocumentLimits.megabytes(maxBytes) + ", a quarter of max-memory-mb ("
						+ DocumentLimits.megabytes(limits.maxMemoryBytes()) + "); raise max-memory-mb to read it");
			}
			if (PlainText.looksBinary(file)) {
				throw new UnreadableDocumentException("is not an HTML page (it holds binary data)");
			}
			Document page;
			try (InputStream in = new DeadlineInputStream(Files.newInputStream(file), deadline, maxBytes,
					"grew while it was read")) {
				Parser parser = Parser.htmlParser().setMaxDepth(MAX_DEPTH);
				page = Jsoup.parse(in, null, "", parser);
			}
			page.select(DROPPED).remove();
			Element main = page.selectFirst("main, article, [role=main]");
			Element root = (main != null) ? main : page.body();
			String text = textOf(root, limits.maxChars(), deadline);
			if (text.isBlank()) {
				throw new UnreadableDocumentException(
						"has no readable text (only markup, scripts or navigation, or markup broken before any text)");
			}
			return text;
		}
		catch (IOException ex) {
			throw new UnreadableDocumentException("cannot be read (" + ex.getMessage() + ")", ex);
		}
	}

	/** The text of the element, a paragraph per block, spaces collapsed. */
	private static String textOf(Element root, int maxChars, Deadline deadline) {
		BoundedText text = new BoundedText(maxChars);
		StringBuilder block = new StringBuilder();
		root.traverse(new NodeVisitor() {

			@Override
			public void head(Node node, int depth) {
				deadline.checkOften();
				if (node instanceof TextNode textNode) {
					block.append(textNode.text());
				}
				else if (node instanceof Element element && element.nameIs("br")) {
					block.append('\n');
				}
			}

			@Override
			public void tail(Node node, int depth) {
				if (node instanceof Element element && element.isBlock()) {
					endBlock(text, block);
				}
			}

		});
		endBlock(text, block);
		return text.toString().strip();
	}

	private static void endBlock(BoundedText text, StringBuilder block) {
		String paragraph = block.toString()
			.replaceAll("[ \\t\\x0B\\f\\r\\u00A0]+", " ")
			.replaceAll(" ?\n ?", "\n")
			.strip();
		block.setLength(0);
		if (!paragraph.isEmpty()) {
			text.append(paragraph).append("\n\n");
		}
	}

}
