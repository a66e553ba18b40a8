package dev.glmbatch.input.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.glmbatch.input.InputFiles;
import dev.glmbatch.input.InputFormatException;
import dev.glmbatch.input.InputInspection;
import dev.glmbatch.input.RowReader;
import dev.glmbatch.input.SourceRow;
import dev.glmbatch.jobdef.InputFormat;
import dev.glmbatch.jobdef.InputSpec;

/**
 * Writes small CSV files byte for byte and reads them back through the public entry
 * points.
 */
final class CsvFixtures {

	private CsvFixtures() {
	}

	static Path write(Path dir, String utf8Text) {
		return write(dir, utf8Text.getBytes(StandardCharsets.UTF_8));
	}

	static Path write(Path dir, byte[] bytes) {
		try {
			Path file = Files.createTempFile(dir, "input", ".csv");
			Files.write(file, bytes);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Concatenates text (UTF-8) and raw bytes given as int arrays, for files with exact
	 * byte content.
	 */
	static byte[] bytes(Object... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Object part : parts) {
			if (part instanceof String text) {
				out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
			}
			else if (part instanceof int[] raw) {
				for (int b : raw) {
					out.write(b);
				}
			}
			else {
				throw new IllegalArgumentException("unsupported part " + part);
			}
		}
		return out.toByteArray();
	}

	static InputSpec spec(Path file) {
		return spec(file, StandardCharsets.UTF_8, null, null);
	}

	static InputSpec spec(Path file, Charset encoding, @Nullable Character delimiter, @Nullable String idColumn) {
		return new InputSpec(file, InputFormat.CSV, encoding, delimiter, idColumn);
	}

	/**
	 * The refusal that inspecting the file ends in; fails the test if the file is
	 * accepted or refused with another exception.
	 */
	static InputFormatException inspectionRefusal(InputSpec spec) {
		InputFormatException refusal = catchThrowableOfType(InputFormatException.class, () -> InputFiles.inspect(spec));
		assertThat(refusal).as("inspecting %s should fail", spec.path()).isNotNull();
		return refusal;
	}

	/** Inspects the file, then reads every row in a fresh run. */
	static List<SourceRow> readAll(InputSpec spec) throws Exception {
		InputInspection inspection = InputFiles.inspect(spec);
		try (RowReader reader = InputFiles.openReader(spec, inspection)) {
			reader.open();
			List<SourceRow> rows = new ArrayList<>();
			SourceRow row;
			while ((row = reader.read()) != null) {
				rows.add(row);
			}
			return rows;
		}
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
