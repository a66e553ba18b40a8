package dev.glmbatch.input.excel;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.Version;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.InputInspection;

import static dev.glmbatch.input.excel.ExcelFixtures.row;
import static dev.glmbatch.input.excel.ExcelFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Hostile, damaged and unsupported files are refused with a message that says what they
 * are, before any row is read; POI's zip limits are tighter than its defaults.
 */
class HostileWorkbookTests {

	@TempDir
	Path dir;

	@Test
	void zipLimitsAreTighterThanPoiDefaultsAndPoiIsPatched() {
		WorkbookSafety.apply();

		assertThat(ZipSecureFile.getMaxEntrySize()).isEqualTo(512L * 1024 * 1024).isLessThan(0xFFFFFFFFL);
		assertThat(ZipSecureFile.getMinInflateRatio()).isGreaterThanOrEqualTo(0.01);
		assertThat(ZipSecureFile.getMaxFileCount()).isLessThanOrEqualTo(1000);
		int[] version = Arrays.stream(Version.getVersion().split("\\.")).limit(2).mapToInt(Integer::parseInt).toArray();
		// 5.4.0 fixed CVE-2025-31672 (duplicate zip entries)
		assertThat(version[0] * 100 + version[1]).isGreaterThanOrEqualTo(504);
	}

	@Test
	void zipBombIsRefusedQuicklyNamingTheLimit() {
		Path file = ZipRewrite.rewrite(plainWorkbook(), dir.resolve("bomb.xlsx"),
				(name, text) -> name.equals("xl/worksheets/sheet1.xml")
						? text.replace("</worksheet>", " ".repeat(20_000_000) + "</worksheet>") : text);

		assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
				() -> assertThatThrownBy(() -> InputFiles.inspect(spec(file))).isInstanceOf(InputFormatException.class)
					.hasMessageContaining("zip bomb")
					.hasMessageContaining("100:1"));
	}

	@Test
	void entityExpansionIsRefusedAndTheNextWorkbookStillOpens() {
		Path file = ZipRewrite.rewrite(plainWorkbook(), dir.resolve("laughs.xlsx"),
				(name, text) -> name.equals("xl/sharedStrings.xml") ? HostileFiles.BILLION_LAUGHS : text);

		assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
				() -> assertThatThrownBy(() -> InputFiles.inspect(spec(file))).isInstanceOf(InputFormatException.class)
					.hasMessageContaining("entity declarations"));
		InputInspection next = InputFiles.inspect(spec(plainWorkbook()));
		assertThat(next.dataRows()).isEqualTo(1);
	}

	@Test
	void passwordProtectedWorkbookAsksToRemoveThePassword() throws Exception {
		Path file = dir.resolve("protected.xlsx");
		try (POIFSFileSystem fs = new POIFSFileSystem(); XSSFWorkbook workbook = new XSSFWorkbook()) {
			row(workbook.createSheet("s"), 0, "id");
			EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
			Encryptor encryptor = info.getEncryptor();
			encryptor.confirmPassword("secret");
			try (OutputStream out = encryptor.getDataStream(fs)) {
				workbook.write(out);
			}
			try (OutputStream out = Files.newOutputStream(file)) {
				fs.writeFilesystem(out);
			}
		}

		assertThatThrownBy(() -> InputFiles.inspect(spec(file))).isInstanceOf(InputFormatException.class)
			.hasMessageContaining("password-protected")
			.hasMessageContaining("Remove the password");
	}

	@Test
	void passwordProtectedLegacyWorkbookAsksToRemoveThePassword() {
		Path file = dir.resolve("protected.xls");
		org.apache.poi.hssf.record.crypto.Biff8EncryptionKey.setCurrentUserPassword("secret");
		try {
			ExcelFixtures.xls(file, workbook -> {
				row(workbook.createSheet("s"), 0, "id");
				row(workbook.getSheet("s"), 1, "1");
			});
		}
		finally {
			org.apache.poi.hssf.record.crypto.Biff8EncryptionKey.setCurrentUserPassword(null);
		}

		assertThatThrownBy(() -> InputFiles.inspect(spec(file))).isInstanceOf(InputFormatException.class)
			.hasMessageContaining("password-protected");
	}

	@Test
	void truncatedWorkbookIsReportedAsDamagedAndItsFileIsReleased() throws Exception {
		byte[] whole = Files.readAllBytes(plainWorkbook());
		Path file = Files.write(dir.resolve("cut.xlsx"), Arrays.copyOf(whole, whole.length / 2));

		assertThatThrownBy(() -> InputFiles.inspect(spec(file))).isInstanceOf(InputFormatException.class)
			.hasMessageContaining("damaged or incomplete");
		Files.delete(file);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "renamed.xlsx|id,name\\n1,Lamp\\n|holds plain text|rename it to .csv",
			"page.xls|<html><body><table><tr><td>id</td></tr></table></body></html>|holds HTML or XML|save it as Excel Workbook" })
	void textUnderAWorkbookNameIsRefused(String name, String content, String problem, String hint) throws Exception {
		Path file = Files.writeString(dir.resolve(name), content.replace("\\n", "\n"), StandardCharsets.UTF_8);

		assertThatThrownBy(() -> InputFiles.inspect(spec(file))).isInstanceOf(InputFormatException.class)
			.hasMessageContaining(problem)
			.hasMessageContaining(hint);
	}

	@ParameterizedTest
	@CsvSource({ "sheet.ods, mimetype, OpenDocument spreadsheet",
			"sheet.xlsb, xl/workbook.bin, Excel Binary Workbook" })
	void unsupportedWorkbookKindsAreNamed(String name, String entry, String problem) throws Exception {
		Path file = dir.resolve(name);
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			zip.putNextEntry(new ZipEntry(entry));
			zip.write("x".getBytes(StandardCharsets.US_ASCII));
			zip.closeEntry();
		}

		assertThatThrownBy(() -> InputFiles.inspect(spec(file))).isInstanceOf(InputFormatException.class)
			.hasMessageContaining(problem)
			.hasMessageContaining("save it as Excel Workbook");
	}

	@Test
	void workbookIsRecognisedByContentWhateverItsName() throws Exception {
		Path file = Files.copy(plainWorkbook(), dir.resolve("really-a-workbook.csv"));

		assertThat(InputFiles.inspect(spec(file)).header()).containsExactly("id", "name");
	}

	private Path plainWorkbook() {
		return HostileFiles.plain(dir);
	}

}
