package dev.glmbatch.jobdef;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a job reads its rows.
 *
 * @param path the input file, absolute (resolved when the job file was loaded)
 * @param format the file format
 * @param encoding the text encoding, UTF-8 by default; decoded strictly
 * @param delimiter the field delimiter, or {@code null} to detect it from the header line
 * @param idColumn a column whose values identify rows in the output, or {@code null} to use row numbers
 */
public record InputSpec(Path path, InputFormat format, Charset encoding, @Nullable Character delimiter,
		@Nullable String idColumn) {

	public InputSpec {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(format, "format");
		Objects.requireNonNull(encoding, "encoding");
	}

	public InputSpec withPath(Path newPath) {
		return new InputSpec(newPath, format, encoding, delimiter, idColumn);
	}

}
