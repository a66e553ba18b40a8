package dev.glmbatch.input.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.jspecify.annotations.Nullable;

import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.jobdef.InputFormat;

/**
 * Tells what an input file really is from its first bytes and, for containers, the names
 * inside, whatever its extension says. A file whose name promises a workbook but whose
 * bytes are text is refused, so a CSV renamed to {@code .xlsx} (or a web page saved as
 * {@code .xls}) gets a message instead of a confusing parse; an image, a PDF or an Access
 * database is named as such, whatever its name.
 */
public final class WorkbookSniffer {

	private static final Set<String> WORKBOOK_EXTENSIONS = Set.of("xlsx", "xlsm", "xls", "xlsb", "ods");

	private static final byte[] ZIP = { 'P', 'K', 3, 4 };

	private static final byte[] OLE2 = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A,
			(byte) 0xE1 };

	private WorkbookSniffer() {
	}

	/**
	 * The format the file's bytes hold.
	 * @throws InputFormatException for workbook kinds that are not read (ODS, XLSB, Excel
	 * 95, password-protected, other Office documents), for damaged containers and for
	 * text under a workbook extension
	 */
	public static InputFormat sniff(Path file) {
		byte[] head = head(file);
		if (startsWith(head, ZIP)) {
			return sniffZip(file);
		}
		if (startsWith(head, OLE2)) {
			return sniffOle2(file);
		}
		InputFormatException binary = binaryKind(file, head);
		if (binary != null) {
			throw binary;
		}
		String extension = extension(file);
		if (WORKBOOK_EXTENSIONS.contains(extension)) {
			String text = new String(head, StandardCharsets.ISO_8859_1).stripLeading();
			boolean markup = text.startsWith("<") || text.startsWith("\u00EF\u00BB\u00BF<");
			throw new InputFormatException(file, 0, null, -1,
					markup ? "the file is named ." + extension + " but holds HTML or XML (a web page or an XML export)"
							: "the file is named ." + extension + " but holds plain text, not a workbook",
					markup ? "Open it in Excel and save it as Excel Workbook (.xlsx), or export it as CSV"
							: "If it is CSV, rename it to .csv; otherwise save it from Excel as Excel Workbook (.xlsx)");
		}
		return InputFormat.CSV;
	}

	private static InputFormat sniffZip(Path file) {
		try (ZipFile zip = new ZipFile(file.toFile())) {
			if (zip.getEntry("mimetype") != null || zip.getEntry("content.xml") != null) {
				throw unsupported(file, "the file is an OpenDocument spreadsheet (.ods)");
			}
			if (zip.getEntry("xl/workbook.bin") != null) {
				throw unsupported(file, "the file is an Excel Binary Workbook (.xlsb)");
			}
			if (zip.getEntry("xl/workbook.xml") != null || zip.getEntry("[Content_Types].xml") != null
					&& zip.stream().anyMatch(entry -> entry.getName().startsWith("xl/"))) {
				return InputFormat.XLSX;
			}
			if (zip.getEntry("word/document.xml") != null || zip.getEntry("ppt/presentation.xml") != null) {
				throw new InputFormatException(file, 0, null, -1,
						"the file is a Word or PowerPoint document, not a workbook",
						"Point the job at a workbook or CSV");
			}
			if (zip.getEntry("Index/Document.iwa") != null || zip.getEntry("Index.zip") != null) {
				throw new InputFormatException(file, 0, null, -1, "the file is an Apple Numbers document",
						"Export it from Numbers as Excel (.xlsx) or CSV (File > Export To), and point the job at that"
								+ " file");
			}
			throw new InputFormatException(file, 0, null, -1, "the file is a zip archive but not an Excel workbook",
					"If the table is inside, unzip it and point the job at the .xlsx or CSV file itself");
		}
		catch (ZipException ex) {
			throw damaged(file, ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	private static InputFormat sniffOle2(Path file) {
		try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
			DirectoryNode root = fs.getRoot();
			if (root.hasEntry("EncryptedPackage") || root.hasEntry("EncryptionInfo")) {
				throw passwordProtected(file);
			}
			if (root.hasEntry("Workbook") || root.hasEntry("WORKBOOK")) {
				return InputFormat.XLS;
			}
			if (root.hasEntry("Book")) {
				throw unsupported(file, "the file is in the Excel 5.0/95 format, which is not read");
			}
			throw new InputFormatException(file, 0, null, -1,
					"the file is an Office document of another kind (no workbook inside)",
					"Point the job at an Excel workbook or a CSV file");
		}
		catch (InputFormatException ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw damaged(file, ex);
		}
	}

	/**
	 * What a file that is neither a zip nor an OLE2 container is, when its first bytes
	 * name a kind that is never a table: an image, a PDF, an Access database.
	 * {@code null} for anything else (text, most likely).
	 */
	private static @Nullable InputFormatException binaryKind(Path file, byte[] head) {
		String start = new String(head, 0, Math.min(head.length, 32), StandardCharsets.ISO_8859_1);
		String image = start.startsWith("\u0089PNG\r\n\u001A\n") ? "a PNG image"
				: start.startsWith("\u00FF\u00D8\u00FF") ? "a JPEG image"
						: (start.startsWith("GIF87a") || start.startsWith("GIF89a")) ? "a GIF image" : null;
		if (image != null) {
			return new InputFormatException(file, 0, null, -1, "the file is " + image + ", not a table",
					"Point the job at the spreadsheet or CSV file itself; a picture of a table cannot be read");
		}
		if (start.startsWith("%PDF-")) {
			return new InputFormatException(file, 0, null, -1, "the file is a PDF document, not a table",
					"Export the table as CSV or Excel Workbook (.xlsx) from the application that made the PDF, and"
							+ " point the job at that file");
		}
		if (start.startsWith("\u0000\u0001\u0000\u0000Standard Jet DB")
				|| start.startsWith("\u0000\u0001\u0000\u0000Standard ACE DB")) {
			return new InputFormatException(file, 0, null, -1,
					"the file is a Microsoft Access database (.mdb or .accdb), not a workbook",
					"Export the table from Access as Excel Workbook (.xlsx) or CSV (External Data > Export), and point"
							+ " the job at that file");
		}
		return null;
	}

	static InputFormatException passwordProtected(Path file) {
		return new InputFormatException(file, 0, null, -1, "the workbook is password-protected",
				"Remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it) and save again");
	}

	static InputFormatException damaged(Path file, Throwable cause) {
		return new InputFormatException(file, 0, null, -1,
				"the workbook is damaged or incomplete (" + cause.getClass().getSimpleName() + ")",
				"Open it in Excel, let Excel repair it, and save it again; or copy the file again if it was cut short",
				cause);
	}

	private static InputFormatException unsupported(Path file, String what) {
		return new InputFormatException(file, 0, null, -1, what,
				"Open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx), or export the sheet as CSV");
	}

	private static byte[] head(Path file) {
		if (Files.isDirectory(file)) {
			throw new InputFormatException(file, 0, null, -1, "this is a directory, not a file",
					"Set the input path in the job file to a CSV file or a workbook");
		}
		try (InputStream in = Files.newInputStream(file)) {
			return in.readNBytes(512);
		}
		catch (IOException ex) {
			throw InputFormatException.whenOpening(file, ex);
		}
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static String extension(Path file) {
		String name = file.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return (dot < 0) ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
	}

}
