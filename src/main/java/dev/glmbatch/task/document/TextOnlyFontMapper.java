package dev.glmbatch.task.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMappers;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;

/**
 * Stands in for every font a PDF names but does not embed with the one font PDFBox ships,
 * Liberation Sans. Taking text needs no glyph outlines, while PDFBox's own mapper scans
 * every font installed on the machine the first time (many seconds) and writes a font
 * cache into the home folder. {@link #install() Installed} for the process by
 * {@link PdfText}, and by whatever else uses PDFBox before it (tests writing PDFs).
 */
public final class TextOnlyFontMapper implements FontMapper {

	private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

	private final TrueTypeFont font;

	private static boolean installed;

	/** Makes this PDFBox's font mapper for the process, once. */
	public static synchronized void install() {
		if (!installed) {
			FontMappers.set(new TextOnlyFontMapper());
			installed = true;
		}
	}

	private TextOnlyFontMapper() {
		try (InputStream in = Objects.requireNonNull(PDFontDescriptor.class.getResourceAsStream(FONT), FONT)) {
			this.font = new TTFParser().parse(new RandomAccessReadBuffer(in));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot load the font PDFBox ships: " + ex.getMessage(), ex);
		}
	}

	@Override
	public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor fontDescriptor) {
		return new FontMapping<>(font, true);
	}

	@Override
	public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor fontDescriptor) {
		return new FontMapping<>(font, true);
	}

	@Override
	public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor fontDescriptor, PDCIDSystemInfo cidSystemInfo) {
		return new CIDFontMapping(null, font, true);
	}

}
