package dev.glmbatch.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The smallest valid job file, for tests of what a job file binds to: each test changes
 * or adds the one thing it is about. It reads {@code products.csv} and writes
 * {@code out.csv}, both beside the job file.
 */
public final class JobYaml {

	/**
	 * Translates column {@code name} of {@code products.csv} to French into
	 * {@code out.csv}.
	 */
	public static final String MINIMAL = """
			input:
			  path: products.csv
			task:
			  type: translate
			  columns: [name]
			  to: [fr]
			output:
			  path: out.csv
			""";

	private JobYaml() {
	}

	/** {@link #MINIMAL} reading {@code inputPath} instead of {@code products.csv}. */
	public static String minimalReading(String inputPath) {
		return MINIMAL.replace("path: products.csv", "path: " + inputPath);
	}

	/**
	 * Writes {@code yaml} to {@code job.yaml} in {@code folder}, creating the folder if
	 * need be.
	 * @return the job file
	 */
	public static Path write(Path folder, String yaml) throws IOException {
		Files.createDirectories(folder);
		return Files.writeString(folder.resolve("job.yaml"), yaml, StandardCharsets.UTF_8);
	}

}
