package dev.glmbatch.task.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;

import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import dev.glmbatch.jobdef.DocumentLimits;

/**
 * The text of an OpenDocument text ({@code .odt}): its {@code content.xml}, read as a
 * stream, a paragraph per {@code text:p} and {@code text:h}. No external entity or DTD is
 * fetched.
 */
final class OdtText {

	private static final String TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";

	private OdtText() {
	}

	static String read(Path file, DocumentLimits limits, Deadline deadline) {
		String kind = "OpenDocument text (.odt)";
		ZipGuard.check(file, kind, limits, deadline);
		BoundedText text = new BoundedText(limits.maxChars());
		try (ZipFile zip = new ZipFile(file.toFile())) {
			ZipEntry content = zip.getEntry("content.xml");
			if (content == null) {
				throw new UnreadableDocumentException("is damaged or not an " + kind + " (it has no content.xml)");
			}
			SAXParserFactory factory = SAXParserFactory.newInstance();
			factory.setNamespaceAware(true);
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			SAXParser parser = factory.newSAXParser();
			try (InputStream in = zip.getInputStream(content)) {
				parser.parse(in, new DefaultHandler() {

					@Override
					public void startElement(String uri, String localName, String qName, Attributes attributes) {
						deadline.checkOften();
						if (TEXT_NS.equals(uri)) {
							switch (localName) {
								case "tab" -> text.append("\t");
								case "s" -> text.append(" ");
								case "line-break" -> text.append("\n");
								default -> {
								}
							}
						}
					}

					@Override
					public void endElement(String uri, String localName, String qName) {
						if (TEXT_NS.equals(uri) && (localName.equals("p") || localName.equals("h"))) {
							text.append("\n\n");
						}
					}

					@Override
					public void characters(char[] chars, int start, int length) {
						text.write(chars, start, length);
					}

				});
			}
		}
		catch (IOException | SAXException | ParserConfigurationException ex) {
			throw new UnreadableDocumentException("is damaged or not an " + kind + " (" + ex.getMessage() + ")", ex);
		}
		return text.toString().strip();
	}

}
