package dev.glmbatch.input.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import dev.glmbatch.testsupport.StrictOoxml;

import static dev.glmbatch.input.excel.ExcelFixtures.row;

/**
 * The hostile, damaged and mislabelled input files a user can hand the tool, each made
 * inside the test from a small workbook written with POI (no third-party file is
 * committed). Each one is refused before any row is read, with a message holding
 * {@link Case#problem} and {@link Case#hint}.
 */
final class HostileFiles {

	/** One hostile file: how to make it, and what the refusal must say. */
	record Case(String name, Function<Path, Path> maker, String problem, String hint) {

		/** Makes the file in {@code dir}. */
		Path make(Path dir) {
			return maker.apply(dir);
		}

		@Override
		public String toString() {
			return name;
		}

	}

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D',
			'R' };

	private HostileFiles() {
	}

	/** Every case. */
	static List<Case> all() {
		return List.of(new Case("damaged workbook.xml",
				dir -> rewrite(dir, "damaged.xlsx", "xl/workbook.xml", text -> text.substring(0, text.length() / 2)),
				"damaged or incomplete", "let Excel repair it"), new Case("package cut in half", dir -> {
					byte[] whole = bytes(plain(dir));
					return write(dir.resolve("cut.xlsx"), Arrays.copyOf(whole, whole.length / 2));
				}, "damaged or incomplete", "copy the file again"),
				new Case("truncated sharedStrings.xml",
						dir -> rewrite(dir, "cut-strings.xlsx", "xl/sharedStrings.xml",
								text -> text.substring(0, text.indexOf("Lamp") + 2)),
						"damaged or incomplete", "let Excel repair it"),
				new Case("password-protected", HostileFiles::encrypted, "password-protected", "Remove the password"),
				new Case("zip bomb",
						dir -> rewrite(dir, "bomb.xlsx", "xl/worksheets/sheet1.xml",
								text -> text.replace("</worksheet>", " ".repeat(20_000_000) + "</worksheet>")),
						"zip bomb", "Do not process this file"),
				new Case("billion laughs",
						dir -> rewrite(dir, "laughs.xlsx", "xl/sharedStrings.xml", text -> BILLION_LAUGHS),
						"entity declarations", "Do not process this file"),
				new Case("duplicate zip entries", HostileFiles::duplicateEntries, "two parts with the same name",
						"save it again"),
				new Case("PNG image named .xlsx", dir -> write(dir.resolve("chart.xlsx"), concat(PNG, new byte[200])),
						"a PNG image", "Point the job at the spreadsheet"),
				new Case("JPEG image named .csv",
						dir -> write(dir.resolve("scan.csv"),
								concat(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 },
										new byte[200])),
						"a JPEG image", "Point the job at the spreadsheet"),
				new Case("PDF named .xlsx",
						dir -> write(dir.resolve("report.xlsx"),
								"%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n"
									.getBytes(StandardCharsets.ISO_8859_1)),
						"a PDF document", "Export the table"),
				new Case("Access database named .xls",
						dir -> write(dir.resolve("orders.xls"),
								concat(new byte[] { 0, 1, 0, 0 },
										"Standard Jet DB\0".getBytes(StandardCharsets.US_ASCII), new byte[200])),
						"Microsoft Access database", "Export the table from Access"),
				new Case("OpenDocument spreadsheet",
						dir -> zip(dir.resolve("sheet.ods"), "mimetype",
								"application/vnd.oasis.opendocument.spreadsheet"),
						"OpenDocument spreadsheet", "save it as Excel Workbook"),
				new Case("Excel binary workbook", dir -> zip(dir.resolve("sheet.xlsb"), "xl/workbook.bin", "x"),
						"Excel Binary Workbook", "save it as Excel Workbook"),
				new Case("zip of something else", dir -> zip(dir.resolve("photos.xlsx"), "holiday/beach.txt", "sand"),
						"zip archive", "not an Excel workbook"),
				new Case("text named .xlsx",
						dir -> write(dir.resolve("renamed.xlsx"), "id,name\n1,Lamp\n".getBytes(StandardCharsets.UTF_8)),
						"holds plain text", "rename it to .csv"));
	}

	/**
	 * A small valid workbook: sheet {@code s} with {@code id, name} and one row
	 * {@code 1, Lamp}.
	 */
	static Path plain(Path dir) {
		Path file = dir.resolve("plain-source.xlsx");
		if (Files.exists(file)) {
			return file;
		}
		return ExcelFixtures.xlsx(file, workbook -> {
			Sheet sheet = workbook.createSheet("s");
			row(sheet, 0, "id", "name");
			row(sheet, 1, "1", "Lamp");
		});
	}

	/** {@link #plain} saved as Strict Open XML. */
	static Path strict(Path dir) {
		return StrictOoxml.convert(plain(dir), dir.resolve("strict.xlsx"));
	}

	/**
	 * A shared-strings part whose entities would expand to a billion characters (the
	 * "billion laughs" attack).
	 */
	static final String BILLION_LAUGHS = """
			<?xml version="1.0" encoding="UTF-8"?>
			<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
			<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
			<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
			<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]>
			<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">
			<si><t>id</t></si><si><t>&g;</t></si></sst>""";

	private static Path rewrite(Path dir, String name, String part, Function<String, String> change) {
		return ZipRewrite.rewrite(plain(dir), dir.resolve(name),
				(entry, text) -> entry.equals(part) ? change.apply(text) : text);
	}

	private static Path encrypted(Path dir) {
		Path file = dir.resolve("protected.xlsx");
		try (POIFSFileSystem fs = new POIFSFileSystem(); XSSFWorkbook workbook = new XSSFWorkbook()) {
			row(workbook.createSheet("s"), 0, "id");
			Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
			encryptor.confirmPassword("secret");
			try (OutputStream out = encryptor.getDataStream(fs)) {
				workbook.write(out);
			}
			try (OutputStream out = Files.newOutputStream(file)) {
				fs.writeFilesystem(out);
			}
			return file;
		}
		catch (IOException | java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The plain workbook with a second entry named like its sheet: java.util.zip refuses
	 * to write two entries of one name, so the copy is written as {@code sheetX.xml} and
	 * renamed in the bytes (same length, no CRC over names).
	 */
	private static Path duplicateEntries(Path dir) {
		Path plain = plain(dir);
		Path file = dir.resolve("twice.xlsx");
		String sheet = ZipRewrite.entry(plain, "xl/worksheets/sheet1.xml");
		try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file));
				ZipFile zip = new ZipFile(plain.toFile())) {
			for (ZipEntry entry : Collections.list(zip.entries())) {
				out.putNextEntry(new ZipEntry(entry.getName()));
				try (InputStream in = zip.getInputStream(entry)) {
					in.transferTo(out);
				}
				out.closeEntry();
			}
			out.putNextEntry(new ZipEntry("xl/worksheets/sheetX.xml"));
			out.write(sheet.getBytes(StandardCharsets.UTF_8));
			out.closeEntry();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		byte[] bytes = bytes(file);
		byte[] from = "xl/worksheets/sheetX.xml".getBytes(StandardCharsets.US_ASCII);
		byte[] to = "xl/worksheets/sheet1.xml".getBytes(StandardCharsets.US_ASCII);
		for (int i = 0; i + from.length <= bytes.length; i++) {
			if (Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
				System.arraycopy(to, 0, bytes, i, to.length);
			}
		}
		return write(file, bytes);
	}

	private static Path zip(Path file, String entry, String content) {
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			zip.putNextEntry(new ZipEntry(entry));
			zip.write(content.getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] concat(byte[]... parts) {
		int length = 0;
		for (byte[] part : parts) {
			length += part.length;
		}
		byte[] all = new byte[length];
		int at = 0;
		for (byte[] part : parts) {
			System.arraycopy(part, 0, all, at, part.length);
			at += part.length;
		}
		return all;
	}

	private static byte[] bytes(Path file) {
		try {
			return Files.readAllBytes(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Path write(Path file, byte[] bytes) {
		try {
			return Files.write(file, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
