package dev.glmbatch.testsupport;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a transitional workbook written by POI into the form Excel writes for "Strict
 * Open XML Spreadsheet": the ISO/IEC 29500 strict namespaces and relationship types
 * instead of the transitional ones, and {@code conformance="strict"} on the workbook
 * element. The package-level (OPC) namespaces, such as those of
 * {@code [Content_Types].xml}, the {@code .rels} elements and the core properties, are
 * the same in both forms.
 */
public final class StrictOoxml {

	/**
	 * Transitional URI prefixes and their strict counterparts; more specific prefixes
	 * first.
	 */
	private static final Map<String, String> NAMESPACES = new LinkedHashMap<>();

	static {
		String transitional = "http://schemas.openxmlformats.org/";
		String strict = "http://purl.oclc.org/ooxml/";
		// relationship types whose last segment changed spelling too
		NAMESPACES.put(transitional + "officeDocument/2006/relationships/extended-properties",
				strict + "officeDocument/relationships/extendedProperties");
		NAMESPACES.put(transitional + "officeDocument/2006/relationships/custom-properties",
				strict + "officeDocument/relationships/customProperties");
		// the r: namespace, and every relationship type below it (worksheet, styles,
		// sharedStrings, theme, ...)
		NAMESPACES.put(transitional + "officeDocument/2006/relationships", strict + "officeDocument/relationships");
		NAMESPACES.put(transitional + "officeDocument/2006/extended-properties",
				strict + "officeDocument/extendedProperties");
		NAMESPACES.put(transitional + "officeDocument/2006/docPropsVTypes", strict + "officeDocument/docPropsVTypes");
		NAMESPACES.put(transitional + "spreadsheetml/2006/main", strict + "spreadsheetml/main");
		NAMESPACES.put(transitional + "drawingml/2006/main", strict + "drawingml/main");
		NAMESPACES.put(transitional + "drawingml/2006/spreadsheetDrawing", strict + "drawingml/spreadsheetDrawing");
		NAMESPACES.put(transitional + "drawingml/2006/chart", strict + "drawingml/chart");
		NAMESPACES.put(transitional + "officeDocument/2006/sharedTypes", strict + "officeDocument/sharedTypes");
	}

	private StrictOoxml() {
	}

	/** Writes the strict form of {@code transitional} to {@code strict}. */
	public static Path convert(Path transitional, Path strict) {
		return convert(transitional, strict, (name, text) -> text);
	}

	/**
	 * Writes the strict form of {@code transitional} to {@code strict}, letting the
	 * caller change the text of each XML part after conversion (e.g. to store a date the
	 * way strict allows, as ISO 8601 text).
	 */
	public static Path convert(Path transitional, Path strict, PartEdit edit) {
		return ZipCopy.copy(transitional, strict, (name, bytes) -> {
			if (!name.endsWith(".xml") && !name.endsWith(".rels")) {
				return bytes;
			}
			String text = toStrict(name, new String(bytes, StandardCharsets.UTF_8));
			return edit.apply(name, text).getBytes(StandardCharsets.UTF_8);
		});
	}

	private static String toStrict(String name, String xml) {
		String text = xml;
		for (Map.Entry<String, String> mapping : NAMESPACES.entrySet()) {
			text = text.replace(mapping.getKey(), mapping.getValue());
		}
		if (name.equals("xl/workbook.xml")) {
			// the root element, with or without a prefix; the XML declaration before it
			// does not match
			text = text.replaceFirst("<(\\w+:)?workbook(?=[\\s>])", "<$1workbook conformance=\"strict\"");
		}
		return text;
	}

	/** A change to one XML part's text, given its name in the package. */
	@FunctionalInterface
	public interface PartEdit {

		String apply(String partName, String xml);

	}

}
